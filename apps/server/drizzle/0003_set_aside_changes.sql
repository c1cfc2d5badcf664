CREATE TABLE "set_aside_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"record_id" text,
	"reason" text NOT NULL,
	"set_aside_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "set_aside_changes" ADD CONSTRAINT "set_aside_changes_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "set_aside_changes_received_idx" ON "set_aside_changes" USING btree ("received_at");