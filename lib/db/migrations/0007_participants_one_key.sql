-- The participants' (user, start, call) index becomes their primary key, and the key by call goes
-- (lib/db/records-schema.ts says why). First the rows are made to agree with their calls, as the
-- sync now keeps them: the call's own start time, and only its caller and callees.
DROP INDEX "indexed_call_participants_user_started_idx";--> statement-breakpoint
ALTER TABLE "indexed_call_participants" DROP CONSTRAINT "indexed_call_participants_pk";--> statement-breakpoint
DELETE FROM "indexed_call_participants" p WHERE p."user_id" = '' OR NOT EXISTS (
  SELECT 1 FROM "indexed_calls" c
  WHERE c."call_id" = p."call_id" AND (p."user_id" = c."caller" OR p."user_id" = ANY (c."callees")));--> statement-breakpoint
UPDATE "indexed_call_participants" p SET "started_at" = c."started_at"
  FROM "indexed_calls" c WHERE c."call_id" = p."call_id" AND p."started_at" <> c."started_at";--> statement-breakpoint
ALTER TABLE "indexed_call_participants" ADD CONSTRAINT "indexed_call_participants_pk" PRIMARY KEY("user_id","started_at","call_id");
