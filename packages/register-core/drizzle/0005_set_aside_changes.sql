CREATE TABLE `set_aside_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`entity` text NOT NULL,
	`record_id` text,
	`data` text NOT NULL,
	`reason` text NOT NULL,
	`set_aside_at` text NOT NULL,
	`reported_at` text,
	`resolved_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `set_aside_changes_id` ON `set_aside_changes` (`id`);--> statement-breakpoint
CREATE INDEX `set_aside_changes_record` ON `set_aside_changes` (`entity`,`record_id`);