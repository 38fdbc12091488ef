ALTER TABLE "accounts" DROP CONSTRAINT "accounts_active_has_password";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "imported_password_hash" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "password_imported_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "accounts_password_imported_at_idx" ON "accounts" USING btree ("password_imported_at") WHERE "accounts"."imported_password_hash" is not null;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_active_has_password" CHECK ("accounts"."status" <> 'active' or "accounts"."password_hash" is not null or "accounts"."imported_password_hash" is not null);