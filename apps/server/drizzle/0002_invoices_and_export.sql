CREATE TABLE "agresso_customers" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"apar_no" text NOT NULL,
	"state" text NOT NULL,
	"version" integer NOT NULL,
	"order_number" bigint,
	"requested_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_invoice_terms" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"payment_terms_days" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "export_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "export_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"step" text NOT NULL,
	"outcome" text NOT NULL,
	"message" text NOT NULL,
	"order_number" bigint
);
--> statement-breakpoint
CREATE TABLE "export_jobs" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"batch_id" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"send_started_at" timestamp with time zone,
	"order_number" bigint,
	"apar_no" text,
	"voucher_no" text,
	"xml" text,
	"last_error_code" text,
	"last_error_message" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "export_jobs_batch_id_unique" UNIQUE("batch_id")
);
--> statement-breakpoint
CREATE TABLE "invoice_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"number" integer,
	"sale_id" uuid,
	"credit_of_id" uuid,
	"customer_id" uuid NOT NULL,
	"register_id" uuid,
	"cost_centre" text NOT NULL,
	"total_ore" bigint NOT NULL,
	"amount_due_ore" bigint NOT NULL,
	"invoice_date" text,
	"due_date" text,
	"payment_reference" text,
	"content" jsonb NOT NULL,
	"problems" jsonb,
	"activation_due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	"transferred_at" timestamp with time zone,
	CONSTRAINT "invoice_documents_number_unique" UNIQUE("number"),
	CONSTRAINT "invoice_documents_sale_id_unique" UNIQUE("sale_id"),
	CONSTRAINT "invoice_documents_credit_of_id_unique" UNIQUE("credit_of_id")
);
--> statement-breakpoint
CREATE TABLE "server_config" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agresso_customers" ADD CONSTRAINT "agresso_customers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_invoice_terms" ADD CONSTRAINT "customer_invoice_terms_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_events" ADD CONSTRAINT "export_events_document_id_invoice_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."invoice_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_document_id_invoice_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."invoice_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_events_document_idx" ON "export_events" USING btree ("document_id","id");--> statement-breakpoint
CREATE INDEX "export_jobs_due_idx" ON "export_jobs" USING btree ("next_attempt_at") WHERE "export_jobs"."state" in ('pending', 'waiting-customer', 'sent');--> statement-breakpoint
CREATE INDEX "invoice_documents_activation_idx" ON "invoice_documents" USING btree ("status","activation_due_at");--> statement-breakpoint
CREATE INDEX "invoice_documents_customer_idx" ON "invoice_documents" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "invoice_documents_created_idx" ON "invoice_documents" USING btree ("created_at");--> statement-breakpoint
-- Active documents are immutable (only active -> transferred may happen), and only drafts, which
-- never had a number, may be deleted: the number series must stay gapless.
CREATE FUNCTION "invoice_documents_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'invoice document % is % and cannot be deleted', OLD.number, OLD.status;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
    NOT (NEW.status = OLD.status OR (OLD.status = 'active' AND NEW.status = 'transferred'))
    OR (NEW.kind, NEW.number, NEW.sale_id, NEW.credit_of_id, NEW.customer_id, NEW.register_id, NEW.cost_centre,
        NEW.total_ore, NEW.amount_due_ore, NEW.invoice_date, NEW.due_date, NEW.payment_reference, NEW.content::text,
        NEW.created_at, NEW.activated_at)
       IS DISTINCT FROM
       (OLD.kind, OLD.number, OLD.sale_id, OLD.credit_of_id, OLD.customer_id, OLD.register_id, OLD.cost_centre,
        OLD.total_ore, OLD.amount_due_ore, OLD.invoice_date, OLD.due_date, OLD.payment_reference, OLD.content::text,
        OLD.created_at, OLD.activated_at)
  ) THEN
    RAISE EXCEPTION 'invoice document % is % and cannot change', OLD.number, OLD.status;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "invoice_documents_guard" BEFORE UPDATE OR DELETE ON "invoice_documents"
  FOR EACH ROW EXECUTE FUNCTION "invoice_documents_guard"();
