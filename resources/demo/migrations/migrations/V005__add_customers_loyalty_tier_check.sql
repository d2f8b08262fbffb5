-- V005: add customers.loyalty_tier, phase 3 of 4 (NOT VALID check).
-- SET NOT NULL on its own scans the whole table under an ACCESS EXCLUSIVE
-- lock.  Adding the equivalent CHECK constraint as NOT VALID only needs a
-- short lock and no scan; existing rows are checked by V006.

SET lock_timeout = '5s';
SET statement_timeout = '1min';

ALTER TABLE shop.customers
    ADD CONSTRAINT customers_loyalty_tier_not_null CHECK (loyalty_tier IS NOT NULL) NOT VALID;
