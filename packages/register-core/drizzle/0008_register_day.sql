-- The register's day (receipts, returns, training, signing, the journal): the shared columns.
ALTER TABLE `sales` ADD `training` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sales` ADD `return_of_sale_id` text;--> statement-breakpoint
ALTER TABLE `sales` ADD `return_of_receipt_number` integer;--> statement-breakpoint
ALTER TABLE `sales` ADD `signature` text;--> statement-breakpoint
ALTER TABLE `sales` ADD `signature_key_version` integer;--> statement-breakpoint
DROP INDEX `sales_receipt_number`;--> statement-breakpoint
CREATE UNIQUE INDEX `sales_receipt_number` ON `sales` (`training`,`receipt_number`);--> statement-breakpoint
CREATE INDEX `sales_return_of` ON `sales` (`return_of_sale_id`);--> statement-breakpoint
CREATE TABLE `journal` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`code` text NOT NULL,
	`occurred_at` text NOT NULL,
	`user_id` text,
	`sale_id` text,
	`amount_ore` integer,
	`detail` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_id` ON `journal` (`id`);--> statement-breakpoint
CREATE INDEX `journal_code_at` ON `journal` (`code`,`occurred_at`);--> statement-breakpoint
-- The journal is a legal record: the database itself refuses to change or remove a line.
CREATE TRIGGER `journal_immutable_update` BEFORE UPDATE ON `journal` BEGIN
	SELECT RAISE(ABORT, 'the journal is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `journal_immutable_delete` BEFORE DELETE ON `journal` BEGIN
	SELECT RAISE(ABORT, 'the journal is append-only');
END;
