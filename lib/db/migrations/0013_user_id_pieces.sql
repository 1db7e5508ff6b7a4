-- Pieces are compared byte by byte (COLLATE "C"), so LIKE 'piece%' is a range on the key.
CREATE TABLE "indexed_user_pieces" (
	"piece" text COLLATE "C" NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "indexed_user_pieces_pk" PRIMARY KEY("piece","user_id")
);
--> statement-breakpoint
-- indexed_user_pieces follows indexed_users, whose rows appear with a user's first call and go with
-- the last; counts change in place, IDs never do. Users in order, as in migration 0010's triggers.
CREATE FUNCTION indexed_user_pieces_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into indexed_user_pieces (piece, user_id)
  select substr(lower(n.user_id), i), n.user_id
  from (select user_id from new_rows order by user_id) n,
    generate_series(2, length(lower(n.user_id))) as i
  on conflict do nothing;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION indexed_user_pieces_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  delete from indexed_user_pieces
  where (piece, user_id) in (
    select substr(lower(o.user_id), i), o.user_id
    from old_rows o, generate_series(2, length(lower(o.user_id))) as i);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION indexed_user_pieces_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  delete from indexed_user_pieces;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER indexed_user_pieces_insert AFTER INSERT ON indexed_users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indexed_user_pieces_on_insert();
--> statement-breakpoint
CREATE TRIGGER indexed_user_pieces_delete AFTER DELETE ON indexed_users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indexed_user_pieces_on_delete();
--> statement-breakpoint
CREATE TRIGGER indexed_user_pieces_truncate AFTER TRUNCATE ON indexed_users
  FOR EACH STATEMENT EXECUTE FUNCTION indexed_user_pieces_on_truncate();
--> statement-breakpoint
INSERT INTO indexed_user_pieces (piece, user_id)
SELECT substr(lower(user_id), i), user_id
FROM indexed_users, generate_series(2, length(lower(user_id))) AS i
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The trigram index of migration 0010 is replaced by the pieces.
DROP INDEX IF EXISTS indexed_users_inside_idx;
