ALTER TABLE "project_stage_events" ADD COLUMN "prior_values" jsonb;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "investor_name" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "approved_stage_at" timestamp with time zone;