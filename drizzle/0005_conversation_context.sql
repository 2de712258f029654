CREATE TABLE "conversation_context" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"faq" text,
	"topic" text NOT NULL,
	"lang" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "detected_lang" text;--> statement-breakpoint
ALTER TABLE "conversation_context" ADD CONSTRAINT "conversation_context_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_context_expires" ON "conversation_context" USING btree ("expires_at");