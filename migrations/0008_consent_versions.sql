ALTER TABLE "comments" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "project_inquiries" ADD COLUMN "consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_inquiries" ADD COLUMN "consent_version" text;--> statement-breakpoint
UPDATE "project_inquiries" SET "consent_at" = "created_at" WHERE "consent";
