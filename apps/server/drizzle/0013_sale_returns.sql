ALTER TABLE "sales" ADD COLUMN "return_of_sale_id" uuid;--> statement-breakpoint
ALTER TABLE "sales" ADD COLUMN "return_problem" text;--> statement-breakpoint
CREATE INDEX "sales_return_of_idx" ON "sales" USING btree ("return_of_sale_id");
