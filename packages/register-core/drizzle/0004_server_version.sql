ALTER TABLE `customers` ADD `server_version` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
-- Copies pulled before this column existed were at the server's version.
UPDATE `customers` SET `server_version` = `version`;
