CREATE TABLE "event_signings" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"counted" boolean NOT NULL,
	"signed_amount" numeric(18, 2),
	"stage_event_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"is_key" boolean DEFAULT false NOT NULL,
	"level" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"place" text,
	"division_code" text,
	"region_group" text NOT NULL,
	"organiser" text,
	"owner_unit_id" integer NOT NULL,
	"team_id" integer,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"division_code" text,
	"industry_code" text,
	"notes" text,
	"owner_unit_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_counterparts" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"enterprise_id" integer,
	"organisation_id" integer
);
--> statement-breakpoint
CREATE TABLE "visit_leads" (
	"visit_id" integer NOT NULL,
	"lead_id" integer NOT NULL,
	CONSTRAINT "visit_leads_visit_id_lead_id_pk" PRIMARY KEY("visit_id","lead_id")
);
--> statement-breakpoint
CREATE TABLE "visit_participants" (
	"visit_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "visit_participants_visit_id_user_id_pk" PRIMARY KEY("visit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "visit_quota_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"subject" text NOT NULL,
	"target" integer NOT NULL,
	"tiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"any_enterprise" boolean DEFAULT false NOT NULL,
	"exclude_local" boolean DEFAULT false NOT NULL,
	"related_industry" boolean DEFAULT false NOT NULL,
	"organisation_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_units" (
	"visit_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "visit_units_visit_id_unit_id_pk" PRIMARY KEY("visit_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"visit_date" date NOT NULL,
	"division_code" text,
	"abroad_country" text,
	"region_group" text,
	"leader_user_id" integer,
	"outcome" text,
	"intentions" text,
	"owner_unit_id" integer NOT NULL,
	"team_id" integer,
	"created_by" integer NOT NULL,
	"idempotency_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "event_signings_event_project_uq" ON "event_signings" USING btree ("event_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_signings_counted_uq" ON "event_signings" USING btree ("project_id") WHERE "event_signings"."counted";--> statement-breakpoint
CREATE INDEX "events_owner_date_idx" ON "events" USING btree ("owner_unit_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_name_uq" ON "organisations" USING btree (lower(btrim("name")));--> statement-breakpoint
CREATE INDEX "visit_counterparts_visit_idx" ON "visit_counterparts" USING btree ("visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_counterparts_ent_uq" ON "visit_counterparts" USING btree ("visit_id","enterprise_id") WHERE "visit_counterparts"."enterprise_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_counterparts_org_uq" ON "visit_counterparts" USING btree ("visit_id","organisation_id") WHERE "visit_counterparts"."organisation_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_leads_lead_uq" ON "visit_leads" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "visit_participants_user_idx" ON "visit_participants" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_quota_rules_uq" ON "visit_quota_rules" USING btree ("year","subject");--> statement-breakpoint
CREATE INDEX "visit_units_unit_idx" ON "visit_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_idempotency_uq" ON "visits" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "visits_owner_date_idx" ON "visits" USING btree ("owner_unit_id","visit_date");--> statement-breakpoint
CREATE INDEX "visits_team_idx" ON "visits" USING btree ("team_id");