ALTER TABLE `set_aside_changes` ADD `code` text DEFAULT 'RECORD_NOT_STORABLE' NOT NULL;--> statement-breakpoint
-- Records set aside before codes existed: their reason says which kind they were.
UPDATE `set_aside_changes` SET `code` = 'RECORD_INVALID' WHERE `reason` LIKE 'The record does not match the sync contract:%';
