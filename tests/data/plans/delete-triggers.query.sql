-- delete-triggers.txt, psql output style: aligned
SET jit = off; SET max_parallel_workers_per_gather = 0;

BEGIN;
EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) DELETE FROM depot.item WHERE id IN (SELECT item_id FROM depot.price_change WHERE new_price > 100.5);
ROLLBACK;
