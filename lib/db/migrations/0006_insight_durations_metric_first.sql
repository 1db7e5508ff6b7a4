ALTER TABLE "insight_durations" DROP CONSTRAINT "insight_durations_pk";
--> statement-breakpoint
ALTER TABLE "insight_durations" ADD CONSTRAINT "insight_durations_pk" PRIMARY KEY("metric","grain","period","result","call_type","media_type","v");