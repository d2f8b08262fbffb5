-- R007: undo V007 (drop the loyalty tier index).

DROP INDEX shop.idx_customers_loyalty_tier;
