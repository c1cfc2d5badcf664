-- Z reports as the registers close them: one per register and number, stored once, never changed.
CREATE TABLE "z_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"net_sales_ore" bigint NOT NULL,
	"grand_total_ore" bigint NOT NULL,
	"receipt_count" integer NOT NULL,
	"cash_difference_ore" bigint,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "z_reports" ADD CONSTRAINT "z_reports_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "z_reports_register_number_idx" ON "z_reports" USING btree ("register_id","number");--> statement-breakpoint
CREATE INDEX "z_reports_closed_idx" ON "z_reports" USING btree ("closed_at");--> statement-breakpoint
CREATE FUNCTION z_reports_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'a Z report cannot be changed or removed';
END;
$$;--> statement-breakpoint
CREATE TRIGGER z_reports_immutable BEFORE UPDATE OR DELETE ON "z_reports" FOR EACH ROW EXECUTE FUNCTION z_reports_immutable();
