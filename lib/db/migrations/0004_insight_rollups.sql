CREATE TABLE "insight_durations" (
	"grain" text NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"metric" text NOT NULL,
	"result" text NOT NULL,
	"call_type" text NOT NULL,
	"media_type" text NOT NULL,
	"v" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insight_durations_pk" PRIMARY KEY("grain","period","metric","result","call_type","media_type","v")
);
--> statement-breakpoint
CREATE TABLE "insight_failed_users" (
	"grain" text NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insight_failed_users_pk" PRIMARY KEY("grain","period","user_id")
);
--> statement-breakpoint
CREATE TABLE "insight_slots" (
	"slot" timestamp with time zone NOT NULL,
	"result" text NOT NULL,
	"call_type" text NOT NULL,
	"media_type" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insight_slots_pk" PRIMARY KEY("slot","result","call_type","media_type")
);
--> statement-breakpoint
CREATE INDEX "insight_durations_empty_idx" ON "insight_durations" USING btree ("grain") WHERE n = 0;--> statement-breakpoint
CREATE INDEX "insight_failed_users_empty_idx" ON "insight_failed_users" USING btree ("grain") WHERE n = 0;--> statement-breakpoint
CREATE INDEX "insight_slots_empty_idx" ON "insight_slots" USING btree ("slot") WHERE n = 0;