-- incremental-sort.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, FORMAT TEXT) SELECT * FROM depot.stock_move ORDER BY moved_at, id LIMIT 1000;
