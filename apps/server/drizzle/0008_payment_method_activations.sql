CREATE TABLE "payment_method_activations" (
	"method" text NOT NULL,
	"cost_centre" text NOT NULL,
	"active" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_method_activations_method_cost_centre_pk" PRIMARY KEY("method","cost_centre")
);
--> statement-breakpoint
ALTER TABLE "payment_method_activations" ADD CONSTRAINT "payment_method_activations_method_payment_methods_id_fk" FOREIGN KEY ("method") REFERENCES "public"."payment_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_method_activations" ADD CONSTRAINT "payment_method_activations_cost_centre_cost_centres_code_fk" FOREIGN KEY ("cost_centre") REFERENCES "public"."cost_centres"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Payment methods reach registers per cost centre from now on (one feed row per method and cost centre,
-- written at start for every cost centre by services/payment-methods.ts): the rows for every register go.
DELETE FROM "change_feed" WHERE "entity" = 'payment_method' AND "cost_centre" IS NULL;
