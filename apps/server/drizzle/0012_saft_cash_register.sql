-- Norway's SAF-T Cash Register file: the registers' public signing keys (so the receipts' signatures can
-- be verified), and the index the export walks sales by, per register in time order.
CREATE TABLE "register_signing_keys" (
	"register_id" uuid NOT NULL,
	"key_version" integer NOT NULL,
	"algorithm" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "register_signing_keys_pk" PRIMARY KEY("register_id","key_version")
);
--> statement-breakpoint
ALTER TABLE "register_signing_keys" ADD CONSTRAINT "register_signing_keys_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_register_completed_idx" ON "sales" USING btree ("register_id","completed_at","receipt_number");
