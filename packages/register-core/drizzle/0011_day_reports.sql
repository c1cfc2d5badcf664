-- X and Z reports: the product group of each sale line as it was when sold, the day's opening float,
-- and the Z reports themselves (immutable, gapless numbers).
ALTER TABLE `sale_lines` ADD `group_id` text;--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `group_name` text;--> statement-breakpoint
CREATE TABLE `opening_floats` (
	`seq` integer PRIMARY KEY NOT NULL,
	`after_z_number` integer NOT NULL,
	`amount_ore` integer NOT NULL,
	`set_at` text NOT NULL,
	`user_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `opening_floats_period` ON `opening_floats` (`after_z_number`,`seq`);--> statement-breakpoint
CREATE TABLE `z_reports` (
	`number` integer PRIMARY KEY NOT NULL,
	`closed_at` text NOT NULL,
	`user_id` text NOT NULL,
	`last_receipt_number` integer NOT NULL,
	`last_training_receipt_number` integer NOT NULL,
	`last_journal_seq` integer NOT NULL,
	`grand_total_ore` integer NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
-- A closed Z report is a legal record: the database refuses to change or remove one.
CREATE TRIGGER `z_reports_immutable_update` BEFORE UPDATE ON `z_reports` BEGIN
	SELECT RAISE(ABORT, 'a Z report cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `z_reports_immutable_delete` BEFORE DELETE ON `z_reports` BEGIN
	SELECT RAISE(ABORT, 'a Z report cannot be removed');
END;
