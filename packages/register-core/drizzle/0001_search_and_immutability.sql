-- Customer name search: every word of the (already accent-folded) name is indexed with short
-- prefixes, so "ost" finds "Östergrens Bygg AB" from the index alone. External content: the
-- text lives once, in customers; triggers keep the index in step inside the same transaction.
CREATE VIRTUAL TABLE `customers_fts` USING fts5(
	name_folded,
	content='customers',
	content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2',
	prefix='1 2 3'
);
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
	INSERT INTO customers_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_delete` AFTER DELETE ON `customers` BEGIN
	INSERT INTO customers_fts(customers_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_update` AFTER UPDATE OF name_folded ON `customers` BEGIN
	INSERT INTO customers_fts(customers_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
	INSERT INTO customers_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
END;
--> statement-breakpoint
-- A completed sale is a legal record: the database itself refuses to change or remove it.
CREATE TRIGGER `sales_immutable_update` BEFORE UPDATE ON `sales` BEGIN
	SELECT RAISE(ABORT, 'completed sales are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `sales_immutable_delete` BEFORE DELETE ON `sales` BEGIN
	SELECT RAISE(ABORT, 'completed sales are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `sale_lines_immutable_update` BEFORE UPDATE ON `sale_lines` BEGIN
	SELECT RAISE(ABORT, 'completed sales are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `sale_lines_immutable_delete` BEFORE DELETE ON `sale_lines` BEGIN
	SELECT RAISE(ABORT, 'completed sales are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `sale_payments_immutable_update` BEFORE UPDATE ON `sale_payments` BEGIN
	SELECT RAISE(ABORT, 'completed sales are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `sale_payments_immutable_delete` BEFORE DELETE ON `sale_payments` BEGIN
	SELECT RAISE(ABORT, 'completed sales are immutable');
END;
