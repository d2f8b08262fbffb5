-- parallel-verbose.json, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
EXPLAIN (ANALYZE, VERBOSE, BUFFERS, FORMAT JSON) SELECT i.category, count(*) AS moves, sum(m.quantity) AS net
FROM depot.stock_move m JOIN depot.item i ON i.id = m.item_id
GROUP BY i.category ORDER BY i.category;
