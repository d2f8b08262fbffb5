-- slipway:no-transaction
-- V004: add customers.loyalty_tier, phase 2 of 4 (batched backfill).
-- Updates 20,000 ids at a time and commits after every batch, so row locks
-- are held only briefly and autovacuum can keep up.  Must not run inside a
-- transaction block (COMMIT inside DO), hence slipway:no-transaction.
-- shop.preserve_updated_at = on keeps the updated_at trigger from touching
-- every customer.  Re-runnable: only rows still NULL are updated.

SET lock_timeout = '5s';
SET statement_timeout = '1h';

DO $$
DECLARE
    batch_size constant bigint := 20000;
    max_id     bigint;
    lo         bigint := 1;
    n          bigint;
BEGIN
    SELECT coalesce(max(id), 0) INTO max_id FROM shop.customers;
    WHILE lo <= max_id LOOP
        PERFORM set_config('shop.preserve_updated_at', 'on', true);
        UPDATE shop.customers
           SET loyalty_tier = CASE WHEN loyalty_points >= 4000 THEN 'gold'
                                   WHEN loyalty_points >= 2000 THEN 'silver'
                                   ELSE 'bronze' END
         WHERE id BETWEEN lo AND lo + batch_size - 1
           AND loyalty_tier IS NULL;
        GET DIAGNOSTICS n = ROW_COUNT;
        RAISE NOTICE 'loyalty_tier backfill: ids % to %, % rows', lo, lo + batch_size - 1, n;
        COMMIT;
        lo := lo + batch_size;
    END LOOP;
END;
$$;
