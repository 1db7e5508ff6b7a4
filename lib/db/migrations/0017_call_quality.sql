-- Call quality fetched from TRTC monitoring, kept beside the record index (pruned with it).
CREATE TABLE "call_quality" (
	"call_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"verdict" text NOT NULL,
	"participants" jsonb NOT NULL,
	"unavailable_reason" text,
	"fetched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "call_quality_started_idx" ON "call_quality" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "call_quality_verdict_idx" ON "call_quality" USING btree ("verdict","started_at");