-- R005: undo V005 (drop the NOT VALID check constraint).

ALTER TABLE shop.customers DROP CONSTRAINT customers_loyalty_tier_not_null;
