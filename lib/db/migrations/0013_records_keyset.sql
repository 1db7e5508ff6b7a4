-- Keyset paging of GET /api/records: ring and talk time pages continue from (value, call ID), and
-- a walk leaves out the calls first indexed after it began.
DROP INDEX "indexed_calls_ring_idx";--> statement-breakpoint
DROP INDEX "indexed_calls_talk_idx";--> statement-breakpoint
CREATE INDEX "indexed_calls_ring_call_idx" ON "indexed_calls" USING btree ("ring_seconds","call_id");--> statement-breakpoint
CREATE INDEX "indexed_calls_talk_call_idx" ON "indexed_calls" USING btree ("talk_seconds","call_id");--> statement-breakpoint
CREATE INDEX "indexed_calls_first_synced_idx" ON "indexed_calls" USING btree ("first_synced_at");
