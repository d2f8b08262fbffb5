-- parallel-jit.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET jit = on; SET jit_above_cost = 0; SET jit_inline_above_cost = -1; SET jit_optimize_above_cost = -1;
EXPLAIN (ANALYZE, VERBOSE, FORMAT TEXT) SELECT i.category, count(*) AS moves, sum(m.quantity) AS net
FROM depot.stock_move m JOIN depot.item i ON i.id = m.item_id
GROUP BY i.category ORDER BY i.category;
