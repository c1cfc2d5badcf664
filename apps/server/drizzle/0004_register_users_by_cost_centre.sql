ALTER TABLE "change_feed" ADD COLUMN "cost_centre" text;--> statement-breakpoint
ALTER TABLE "register_users" ADD COLUMN "cost_centre" text;--> statement-breakpoint
ALTER TABLE "register_users" ADD CONSTRAINT "register_users_cost_centre_cost_centres_code_fk" FOREIGN KEY ("cost_centre") REFERENCES "public"."cost_centres"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Users saved before they had a cost centre reach no register until head office gives them one: every
-- register gets them back blanked (no PIN hash, inactive), at a new place in the feed so it pulls them.
UPDATE "change_feed" SET "seq" = nextval('change_feed_seq'), "data" = "data" || '{"pinHash": "", "active": false}'::jsonb WHERE "entity" = 'register_user';
