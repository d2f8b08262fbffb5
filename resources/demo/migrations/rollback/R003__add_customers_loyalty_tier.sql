-- R003: undo V003 (drop customers.loyalty_tier).

ALTER TABLE shop.customers DROP COLUMN loyalty_tier;
