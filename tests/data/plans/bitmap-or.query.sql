-- bitmap-or.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) SELECT * FROM depot.stock_move WHERE item_id < 200 OR moved_at < '2023-01-01 12:00';
