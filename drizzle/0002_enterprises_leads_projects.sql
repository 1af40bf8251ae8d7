CREATE TABLE "enterprise_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"email" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"ownership" text,
	"tiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"hq_division" text,
	"hq_region" text,
	"hq_country" text,
	"industry_code" text,
	"cluster_id" integer,
	"registered_capital" numeric(18, 2),
	"website" text,
	"notes" text,
	"owner_unit_id" integer NOT NULL,
	"team_id" integer,
	"created_by" integer NOT NULL,
	"merged_into_id" integer,
	"search_text" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity_type" text,
	"entity_id" integer,
	"stage_event_id" integer,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"status" text NOT NULL,
	"mapping" jsonb,
	"summary" jsonb,
	"progress" integer DEFAULT 0 NOT NULL,
	"user_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_follow_ups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lead_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"method" text,
	"content" text NOT NULL,
	"next_step" text,
	"user_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"lead_id" integer NOT NULL,
	"from_unit_id" integer,
	"from_user_id" integer,
	"to_unit_id" integer,
	"to_user_id" integer,
	"kind" text NOT NULL,
	"reason" text,
	"by_user_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"enterprise_id" integer,
	"enterprise_name" text,
	"industry_code" text,
	"cluster_id" integer,
	"intended_amount" numeric(18, 2),
	"content" text,
	"source_channel" text NOT NULL,
	"referrer" text,
	"status" text DEFAULT 'following' NOT NULL,
	"owner_unit_id" integer,
	"owner_user_id" integer,
	"team_id" integer,
	"project_id" integer,
	"drop_reason" text,
	"last_follow_up_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_investments" (
	"project_id" integer NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"planned" numeric(18, 2),
	"completed" numeric(18, 2),
	"funds_in_place" numeric(18, 2),
	CONSTRAINT "project_investments_project_id_year_month_pk" PRIMARY KEY("project_id","year","month")
);
--> statement-breakpoint
CREATE TABLE "project_problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"content" text NOT NULL,
	"department_unit_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_progress" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"at" date NOT NULL,
	"content" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_stage_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"fields" jsonb NOT NULL,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"enterprise_id" integer,
	"lead_id" integer,
	"stage" text DEFAULT 'planning' NOT NULL,
	"approved_stage" text,
	"pending_stage_event_id" integer,
	"owner_unit_id" integer NOT NULL,
	"park_unit_id" integer,
	"cluster_id" integer,
	"team_id" integer,
	"industry_code" text,
	"leader_name" text,
	"liaison_name" text,
	"liaison_phone" text,
	"content" text,
	"total_investment" numeric(18, 2),
	"fixed_asset_investment" numeric(18, 2),
	"foreign_capital" numeric(18, 2),
	"capital_origin" text,
	"is_new" boolean DEFAULT true NOT NULL,
	"excluded_from_count" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"signed_at" date,
	"signed_amount" numeric(18, 2),
	"agreement_type" text,
	"signed_event" text,
	"registered_uscc" text,
	"registered_capital" numeric(18, 2),
	"land_mu" numeric(12, 2),
	"planned_start_month" date,
	"started_at" date,
	"produced_at" date,
	"capacity" text,
	"terminated_reason" text,
	"last_progress_at" timestamp with time zone,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"data" jsonb,
	"user_id" integer
);
--> statement-breakpoint
CREATE INDEX "enterprise_contacts_ent_idx" ON "enterprise_contacts" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc_live_uq" ON "enterprises" USING btree ("uscc") WHERE "enterprises"."deleted_at" IS NULL AND "enterprises"."merged_into_id" IS NULL AND "enterprises"."uscc" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "enterprises_owner_idx" ON "enterprises" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "enterprises_team_idx" ON "enterprises" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "enterprises_grams_idx" ON "enterprises" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "files_entity_idx" ON "files" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "files_stage_event_idx" ON "files" USING btree ("stage_event_id");--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "lead_follow_ups_lead_idx" ON "lead_follow_ups" USING btree ("lead_id","at");--> statement-breakpoint
CREATE INDEX "lead_transfers_lead_idx" ON "lead_transfers" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "leads_team_idx" ON "leads" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("status");--> statement-breakpoint
CREATE INDEX "leads_enterprise_idx" ON "leads" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "leads_grams_idx" ON "leads" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "project_problems_project_idx" ON "project_problems" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_problems_dept_idx" ON "project_problems" USING btree ("department_unit_id","status");--> statement-breakpoint
CREATE INDEX "project_progress_project_idx" ON "project_progress" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "project_stage_events_project_idx" ON "project_stage_events" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX "project_stage_events_status_idx" ON "project_stage_events" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_live_uq" ON "projects" USING btree ("code") WHERE "projects"."deleted_at" IS NULL AND "projects"."code" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_owner_stage_idx" ON "projects" USING btree ("owner_unit_id","stage","id");--> statement-breakpoint
CREATE INDEX "projects_team_idx" ON "projects" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "projects_enterprise_idx" ON "projects" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects" USING btree ("stage","id");--> statement-breakpoint
CREATE INDEX "projects_grams_idx" ON "projects" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "saved_views_user_idx" ON "saved_views" USING btree ("user_id","entity");--> statement-breakpoint
CREATE INDEX "timeline_entity_idx" ON "timeline_entries" USING btree ("entity_type","entity_id","at");