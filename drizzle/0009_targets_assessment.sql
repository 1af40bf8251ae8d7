CREATE TABLE "assessment_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"item_key" text NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"score" numeric(8, 2) NOT NULL,
	"evidence" text NOT NULL,
	"reviewer_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"period" text NOT NULL,
	"seq" integer NOT NULL,
	"reason" text,
	"scheme" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL,
	"publish_level" text DEFAULT 'none' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_scheme_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"version" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_scheme_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"saved_by" integer NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"unit_group" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"items" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"owner_unit_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"indicator" text NOT NULL,
	"owner_unit_id" integer NOT NULL,
	"team_id" integer,
	"annual" numeric(18, 2) NOT NULL,
	"quarters" jsonb,
	"months" jsonb,
	"note" text,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_reviews_uq" ON "assessment_reviews" USING btree ("scheme_id","item_key","unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_runs_period_seq_uq" ON "assessment_runs" USING btree ("scheme_id","period","seq");--> statement-breakpoint
CREATE INDEX "assessment_scheme_comments_scheme_idx" ON "assessment_scheme_comments" USING btree ("scheme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_scheme_versions_uq" ON "assessment_scheme_versions" USING btree ("scheme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_schemes_year_group_uq" ON "assessment_schemes" USING btree ("year","unit_group");--> statement-breakpoint
CREATE INDEX "targets_year_idx" ON "targets" USING btree ("start_year","end_year");--> statement-breakpoint
CREATE INDEX "targets_owner_idx" ON "targets" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "targets_team_idx" ON "targets" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_subject_uq" ON "targets" USING btree ("start_year","end_year","indicator","owner_unit_id",coalesce("team_id", 0)) WHERE "targets"."deleted_at" IS NULL;