CREATE TABLE "ephemeral" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ephemeral_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE INDEX "ephemeral_expires" ON "ephemeral" USING btree ("expires_at");