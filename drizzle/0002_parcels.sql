CREATE TABLE "parcels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"query" jsonb NOT NULL,
	"carg_mt_no" text,
	"goods" text,
	"last_step" text,
	"last_step_at" timestamp with time zone,
	"seen_steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"lang" text NOT NULL,
	"poll_no" integer DEFAULT 0 NOT NULL,
	"interval_minutes" integer NOT NULL,
	"next_poll_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_user_key" ON "parcels" USING btree ("user_id","key");--> statement-breakpoint
CREATE INDEX "parcels_user" ON "parcels" USING btree ("user_id");