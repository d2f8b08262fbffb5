-- sort-disk.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) SELECT id, moved_at FROM depot.stock_move ORDER BY quantity, moved_at;
