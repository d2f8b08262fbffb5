-- V003: add customers.loyalty_tier, phase 1 of 4 (nullable column).
-- The column will become NOT NULL.  Adding it as NOT NULL with a default
-- would be cheap, but the tier of existing customers must be computed from
-- their points, so: add it nullable (metadata-only change), give new rows a
-- default, backfill in batches (V004), then enforce NOT NULL (V005, V006).

SET lock_timeout = '5s';
SET statement_timeout = '1min';

ALTER TABLE shop.customers ADD COLUMN loyalty_tier text;
ALTER TABLE shop.customers ALTER COLUMN loyalty_tier SET DEFAULT 'bronze';
COMMENT ON COLUMN shop.customers.loyalty_tier IS 'bronze, silver or gold; derived from loyalty_points.';
