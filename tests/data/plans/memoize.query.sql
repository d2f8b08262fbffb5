-- memoize.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;
SET enable_hashjoin = off; SET enable_mergejoin = off;
EXPLAIN (ANALYZE, FORMAT TEXT) SELECT w.name, m.quantity FROM depot.stock_move m JOIN depot.warehouse w ON w.id = m.warehouse_id
WHERE m.moved_at < '2023-01-10';
