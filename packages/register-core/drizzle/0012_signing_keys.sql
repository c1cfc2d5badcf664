-- Norway: the register's RSA key for signing receipts (kassasystemforskriften). The private key never
-- leaves this table: the public key goes to head office in a `register.key` sync event.
CREATE TABLE `signing_keys` (
	`version` integer PRIMARY KEY NOT NULL,
	`private_key_pem` text NOT NULL,
	`public_key_pem` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
-- A key that signed receipts must stay as it was, or those signatures could no longer be verified.
CREATE TRIGGER `signing_keys_immutable_update` BEFORE UPDATE ON `signing_keys` BEGIN
	SELECT RAISE(ABORT, 'a signing key never changes; make a new version');
END;
--> statement-breakpoint
CREATE TRIGGER `signing_keys_immutable_delete` BEFORE DELETE ON `signing_keys` BEGIN
	SELECT RAISE(ABORT, 'a signing key is never removed');
END;
