CREATE TABLE "import_row_records" (
	"job_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"record_id" integer NOT NULL,
	CONSTRAINT "import_row_records_job_id_row_no_pk" PRIMARY KEY("job_id","row_no")
);
