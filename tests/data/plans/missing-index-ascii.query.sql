-- missing-index-ascii.txt, psql output style: ascii-frame
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, FORMAT TEXT) SELECT s.id, c.city FROM depot.customer c JOIN depot.shipment s ON s.customer_id = c.id
WHERE c.username = 'user4242';
