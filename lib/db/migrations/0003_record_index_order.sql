DROP INDEX "indexed_call_participants_user_idx";--> statement-breakpoint
DROP INDEX "indexed_calls_started_idx";--> statement-breakpoint
CREATE INDEX "indexed_call_participants_user_started_idx" ON "indexed_call_participants" USING btree ("user_id","started_at","call_id");--> statement-breakpoint
CREATE INDEX "indexed_calls_started_call_idx" ON "indexed_calls" USING btree ("started_at","call_id");