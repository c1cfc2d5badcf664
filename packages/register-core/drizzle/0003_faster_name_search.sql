-- Prefix indexes up to six letters: without one, a prefix such as "ekono" must read every matching
-- term's postings before the first row (7–8 ms at 1,000,000 customers); with one it is a single list.
DROP TRIGGER IF EXISTS `customers_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `customers_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `customers_fts_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `customers_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `customers_fts` USING fts5(
	name_folded,
	content='customers',
	content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2',
	prefix='1 2 3 4 5 6'
);
--> statement-breakpoint
INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
	INSERT INTO customers_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_delete` AFTER DELETE ON `customers` BEGIN
	INSERT INTO customers_fts(customers_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
END;
--> statement-breakpoint
-- Only when the name really changed: a sync pull rewrites every column of a customer, and
-- re-indexing unchanged names made page upserts 1.7× slower.
CREATE TRIGGER `customers_fts_update` AFTER UPDATE OF name_folded ON `customers`
WHEN old.name_folded IS NOT new.name_folded BEGIN
	INSERT INTO customers_fts(customers_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
	INSERT INTO customers_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
END;
