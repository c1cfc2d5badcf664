-- Trigram matching for head office's customer search (a name containing every word typed); a trusted
-- extension bundled with PostgreSQL and PGlite, which the database owner may create.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "invoice_documents_customer_idx";--> statement-breakpoint
DROP INDEX "invoice_documents_created_idx";--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_org_digits_idx" ON "customers" USING btree (regexp_replace("org_number", '[^0-9]', '', 'g') text_pattern_ops);--> statement-breakpoint
CREATE INDEX "export_jobs_state_idx" ON "export_jobs" USING btree ("state");--> statement-breakpoint
CREATE INDEX "invoice_documents_number_sort_idx" ON "invoice_documents" USING btree (coalesce("number", 0),"created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_invoice_date_sort_idx" ON "invoice_documents" USING btree (coalesce("invoice_date", ''),"created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_due_date_sort_idx" ON "invoice_documents" USING btree (coalesce("due_date", ''),"created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_total_sort_idx" ON "invoice_documents" USING btree ("total_ore","created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_customer_name_sort_idx" ON "invoice_documents" USING btree (lower(coalesce("content" #>> '{customer,name}', "content" #>> '{customerRef,name}')),"created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_cost_centre_sort_idx" ON "invoice_documents" USING btree ("cost_centre","created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_status_sort_idx" ON "invoice_documents" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_customer_idx" ON "invoice_documents" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "invoice_documents_created_idx" ON "invoice_documents" USING btree ("created_at","id");