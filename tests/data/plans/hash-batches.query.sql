-- hash-batches.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;
SET work_mem = '256kB';
EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) SELECT i.category, sum(m.quantity) FROM depot.stock_move m JOIN depot.item i ON i.id = m.item_id
WHERE m.moved_at < '2023-03-01' GROUP BY i.category;
