-- Keyset paging of GET /api/records: ring and talk time pages continue from (value, call ID), and a
-- walk keeps to the calls its first page's snapshot saw (their inserting transaction, first_xid).
DROP INDEX "indexed_calls_ring_idx";--> statement-breakpoint
DROP INDEX "indexed_calls_talk_idx";--> statement-breakpoint
ALTER TABLE "indexed_calls" ADD COLUMN "first_xid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;--> statement-breakpoint
CREATE INDEX "indexed_calls_ring_call_idx" ON "indexed_calls" USING btree ("ring_seconds","call_id");--> statement-breakpoint
CREATE INDEX "indexed_calls_talk_call_idx" ON "indexed_calls" USING btree ("talk_seconds","call_id");--> statement-breakpoint
CREATE INDEX "indexed_calls_first_xid_idx" ON "indexed_calls" USING btree ("first_xid");
