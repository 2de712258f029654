ALTER TABLE "users" ADD COLUMN "pending_notices" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- A notice written before this migration was rendered text: it stays readable as a legacy entry.
UPDATE "users" SET "pending_notices" = jsonb_build_array(jsonb_build_object('key', 'text', 'params', jsonb_build_object('text', "pending_notice"))) WHERE "pending_notice" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "pending_notice";