-- slipway:no-transaction
-- R008: undo V008.  DROP INDEX CONCURRENTLY does not block the table either
-- and cannot run inside a transaction block.

DROP INDEX CONCURRENTLY shop.idx_customers_email_lower;
