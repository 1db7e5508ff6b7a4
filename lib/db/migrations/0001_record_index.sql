CREATE TABLE "indexed_call_participants" (
	"call_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indexed_call_participants_pk" PRIMARY KEY("call_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "indexed_calls" (
	"call_id" text PRIMARY KEY NOT NULL,
	"result" text NOT NULL,
	"media_type" text NOT NULL,
	"call_type" text NOT NULL,
	"caller" text NOT NULL,
	"callees" text[] NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ring_seconds" integer,
	"talk_seconds" integer,
	"room_id" text NOT NULL,
	"room_id_type" integer,
	"chat_group_id" text,
	"sources" text[] NOT NULL,
	"first_synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"id" text PRIMARY KEY NOT NULL,
	"backfilled_at" timestamp with time zone,
	"backfill_cursor" timestamp with time zone,
	"backfill_until" timestamp with time zone,
	"synced_through" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_run_by" text,
	"last_run" jsonb,
	"last_pruned_at" timestamp with time zone,
	"pruned_total" bigint DEFAULT 0 NOT NULL,
	"requested_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "indexed_call_participants_user_idx" ON "indexed_call_participants" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "indexed_calls_started_idx" ON "indexed_calls" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "indexed_calls_result_idx" ON "indexed_calls" USING btree ("result","started_at");--> statement-breakpoint
CREATE INDEX "indexed_calls_call_type_idx" ON "indexed_calls" USING btree ("call_type","started_at");--> statement-breakpoint
CREATE INDEX "indexed_calls_media_type_idx" ON "indexed_calls" USING btree ("media_type","started_at");--> statement-breakpoint
CREATE INDEX "indexed_calls_caller_idx" ON "indexed_calls" USING btree ("caller","started_at");--> statement-breakpoint
CREATE INDEX "indexed_calls_room_idx" ON "indexed_calls" USING btree ("room_id","started_at");--> statement-breakpoint
CREATE INDEX "indexed_calls_ring_idx" ON "indexed_calls" USING btree ("ring_seconds");--> statement-breakpoint
CREATE INDEX "indexed_calls_talk_idx" ON "indexed_calls" USING btree ("talk_seconds");