-- R006: undo V006 (make loyalty_tier nullable again and restore the
-- NOT VALID check constraint that V005 created).

ALTER TABLE shop.customers ALTER COLUMN loyalty_tier DROP NOT NULL;
ALTER TABLE shop.customers
    ADD CONSTRAINT customers_loyalty_tier_not_null CHECK (loyalty_tier IS NOT NULL) NOT VALID;
