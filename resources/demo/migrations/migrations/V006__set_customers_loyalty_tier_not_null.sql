-- V006: add customers.loyalty_tier, phase 4 of 4 (enforce NOT NULL).
-- VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE, which
-- does not block reads or writes.  SET NOT NULL then finds the valid
-- CHECK (loyalty_tier IS NOT NULL) and skips its own full-table scan
-- (PostgreSQL 12+), after which the helper constraint is dropped.

SET lock_timeout = '5s';
SET statement_timeout = '1h';

ALTER TABLE shop.customers VALIDATE CONSTRAINT customers_loyalty_tier_not_null;
ALTER TABLE shop.customers ALTER COLUMN loyalty_tier SET NOT NULL;
ALTER TABLE shop.customers DROP CONSTRAINT customers_loyalty_tier_not_null;
