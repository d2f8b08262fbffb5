-- simple-join-aligned.txt, psql output style: aligned
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) SELECT w.name, sum(m.quantity) AS moved
FROM depot.warehouse w JOIN depot.stock_move m ON m.warehouse_id = w.id
WHERE w.region_id = 3 AND m.moved_at >= '2023-06-01' AND m.moved_at < '2023-06-08'
GROUP BY w.name ORDER BY moved DESC;
