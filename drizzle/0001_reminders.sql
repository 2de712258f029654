CREATE TABLE "rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_deliveries" (
	"reminder_id" bigint NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"user_id" uuid NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_deliveries_reminder_id_slot_pk" PRIMARY KEY("reminder_id","slot")
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"schedule" jsonb,
	"expires_on" date,
	"time_zone" text DEFAULT 'Asia/Seoul' NOT NULL,
	"lang" text DEFAULT 'ko' NOT NULL,
	"last_slot" timestamp with time zone,
	"next_due" timestamp with time zone,
	"snoozed_until" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"claim_token" text,
	"version" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_reminder_id_reminders_id_fk" FOREIGN KEY ("reminder_id") REFERENCES "public"."reminders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminder_deliveries_user" ON "reminder_deliveries" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_user_kind" ON "reminders" USING btree ("user_id","kind");--> statement-breakpoint
CREATE INDEX "reminders_due" ON "reminders" USING btree ("next_due") WHERE status = 'active' and next_due is not null;