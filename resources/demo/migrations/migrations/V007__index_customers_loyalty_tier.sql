-- V007: index customers by loyalty tier for the marketing segment export.
-- RISKY: plain CREATE INDEX (no CONCURRENTLY) takes a SHARE lock on shop.customers,
-- blocking every INSERT, UPDATE and DELETE until the index over all 200,000 rows is
-- built.  Kept deliberately for the migration linter to flag; V008 shows the safe way.
SET lock_timeout = '5s';
SET statement_timeout = '1h';
CREATE INDEX idx_customers_loyalty_tier ON shop.customers (loyalty_tier);
