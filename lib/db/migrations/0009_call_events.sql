CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedup_key" text NOT NULL,
	"call_id" text NOT NULL,
	"generation" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" text,
	"action" text NOT NULL,
	"raw_action" text NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"body" jsonb NOT NULL,
	CONSTRAINT "call_events_dedup_key_unique" UNIQUE("dedup_key")
);
--> statement-breakpoint
CREATE TABLE "callback_rejections" (
	"hour" timestamp with time zone NOT NULL,
	"generation" text NOT NULL,
	"reason" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "callback_rejections_pk" PRIMARY KEY("hour","generation","reason")
);
--> statement-breakpoint
CREATE TABLE "event_calls" (
	"call_id" text PRIMARY KEY NOT NULL,
	"first_event_at" timestamp with time zone NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "call_events_call_idx" ON "call_events" USING btree ("call_id","event_at");--> statement-breakpoint
CREATE INDEX "call_events_user_idx" ON "call_events" USING btree ("user_id","event_at");--> statement-breakpoint
CREATE INDEX "call_events_event_at_idx" ON "call_events" USING btree ("event_at");--> statement-breakpoint
CREATE INDEX "call_events_received_idx" ON "call_events" USING btree ("generation","received_at");--> statement-breakpoint
CREATE INDEX "event_calls_open_idx" ON "event_calls" USING btree ("first_event_at") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "event_calls_last_event_idx" ON "event_calls" USING btree ("last_event_at");