CREATE TABLE "import_mappings" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"unit_id" integer NOT NULL,
	"header_key" text NOT NULL,
	"headers" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"job_id" integer,
	"confirmed_by" integer NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "decided_by" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_source_uq" ON "import_mappings" USING btree ("entity","unit_id","header_key");