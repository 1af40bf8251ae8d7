CREATE TABLE "import_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"raw" jsonb NOT NULL,
	"values" jsonb,
	"labels" jsonb,
	"errors" jsonb,
	"warnings" jsonb,
	"duplicates" jsonb,
	"status" text NOT NULL,
	"content_hash" text,
	"record_id" integer
);
--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "file_size" integer;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "file_kind" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "committed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "import_rows_job_row_uq" ON "import_rows" USING btree ("job_id","row_no");--> statement-breakpoint
CREATE INDEX "import_rows_hash_idx" ON "import_rows" USING btree ("content_hash");