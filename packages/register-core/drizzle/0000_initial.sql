CREATE TABLE `customer_number_blocks` (
	`id` text PRIMARY KEY NOT NULL,
	`first_number` integer NOT NULL,
	`last_number` integer NOT NULL,
	`next_number` integer NOT NULL,
	`leased_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`rowid` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`customer_number` integer NOT NULL,
	`active` integer NOT NULL,
	`internal` integer NOT NULL,
	`external_id` text,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`org_number` text NOT NULL,
	`org_digits` text NOT NULL,
	`country` text NOT NULL,
	`street` text,
	`postal_code` text,
	`city` text,
	`billing_country` text NOT NULL,
	`email` text,
	`phone` text,
	`invoicing_enabled` integer NOT NULL,
	`purchase_instruction` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_id` ON `customers` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_number` ON `customers` (`customer_number`);--> statement-breakpoint
CREATE INDEX `customers_org_digits` ON `customers` (`org_digits`);--> statement-breakpoint
CREATE INDEX `customers_name_folded` ON `customers` (`name_folded`);--> statement-breakpoint
CREATE TABLE `delivery_note_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sale_id` text NOT NULL,
	`printed_at` text NOT NULL,
	`copy` integer NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delivery_note_prints_sale` ON `delivery_note_prints` (`sale_id`);--> statement-breakpoint
CREATE TABLE `number_series` (
	`name` text PRIMARY KEY NOT NULL,
	`next_number` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`acknowledged_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_status_seq` ON `outbox` (`status`,`seq`);--> statement-breakpoint
CREATE TABLE `payment_methods` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `product_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`sku` text NOT NULL,
	`barcode` text,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`group_id` text,
	`price_ore` integer NOT NULL,
	`vat_code` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `product_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_sku` ON `products` (`sku`);--> statement-breakpoint
CREATE INDEX `products_barcode` ON `products` (`barcode`);--> statement-breakpoint
CREATE INDEX `products_name_folded` ON `products` (`name_folded`);--> statement-breakpoint
CREATE TABLE `sale_lines` (
	`sale_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_ore` integer NOT NULL,
	`discount_ore` integer NOT NULL,
	`gross_ore` integer NOT NULL,
	`vat_rate_bp` integer NOT NULL,
	`vat_ore` integer NOT NULL,
	`net_ore` integer NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sale_lines_pk` ON `sale_lines` (`sale_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `sale_payments` (
	`sale_id` text NOT NULL,
	`seq` integer NOT NULL,
	`method` text NOT NULL,
	`amount_ore` integer NOT NULL,
	`tendered_ore` integer,
	`change_ore` integer NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sale_payments_pk` ON `sale_payments` (`sale_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sales` (
	`id` text PRIMARY KEY NOT NULL,
	`receipt_number` integer NOT NULL,
	`register_id` text NOT NULL,
	`user_id` text NOT NULL,
	`completed_at` text NOT NULL,
	`total_ore` integer NOT NULL,
	`rounding_ore` integer NOT NULL,
	`vat_ore` integer NOT NULL,
	`net_ore` integer NOT NULL,
	`change_ore` integer NOT NULL,
	`customer_id` text,
	`customer_snapshot` text,
	`buyer_reference` text,
	`comment` text,
	`delivery_note_number` integer,
	`request_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_receipt_number` ON `sales` (`receipt_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `sales_delivery_note_number` ON `sales` (`delivery_note_number`);--> statement-breakpoint
CREATE INDEX `sales_completed_at` ON `sales` (`completed_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vat_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`rate_bp` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vat_rates_code_from` ON `vat_rates` (`code`,`valid_from`);