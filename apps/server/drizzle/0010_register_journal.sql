CREATE TABLE "register_journal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"code" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "register_journal" ADD CONSTRAINT "register_journal_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "register_journal_register_seq_idx" ON "register_journal" USING btree ("register_id","seq");--> statement-breakpoint
CREATE INDEX "register_journal_occurred_idx" ON "register_journal" USING btree ("occurred_at");
