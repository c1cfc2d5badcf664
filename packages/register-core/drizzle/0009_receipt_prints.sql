-- Receipts: each receipt that came out of the printer. A failed print leaves no row, so the original
-- can be tried again until one print succeeds; after that only the one copy the law allows.
CREATE TABLE `receipt_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sale_id` text NOT NULL,
	`printed_at` text NOT NULL,
	`copy` integer NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipt_prints_one_each` ON `receipt_prints` (`sale_id`,`copy`);
