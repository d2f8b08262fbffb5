-- missing-index-unicode.json, psql output style: unicode-frame
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, FORMAT JSON) SELECT s.id, c.city FROM depot.customer c JOIN depot.shipment s ON s.customer_id = c.id
WHERE c.username = 'user4242';
