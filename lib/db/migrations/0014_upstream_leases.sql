CREATE TABLE "upstream_leases" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"fraction" double precision NOT NULL,
	"previous_fraction" double precision DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
