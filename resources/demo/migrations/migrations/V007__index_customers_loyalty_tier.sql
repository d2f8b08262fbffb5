-- V007: index customers by loyalty tier for the marketing segment export.
-- RISKY: plain CREATE INDEX (no CONCURRENTLY) takes a SHARE lock on
-- shop.customers, blocking every INSERT, UPDATE and DELETE until the index
-- over all 200,000 rows is built.  Kept deliberately as an example of what
-- the migration linter flags; V008 shows the safe way.

CREATE INDEX idx_customers_loyalty_tier ON shop.customers (loyalty_tier);
