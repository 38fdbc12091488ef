ALTER TABLE "password_links" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "password_links" ADD COLUMN "revoked_reason" text;