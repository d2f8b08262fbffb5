-- merge.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;
SET work_mem = '1MB';
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, WAL, SETTINGS, FORMAT TEXT) MERGE INTO depot.stock_level s
USING (SELECT item_id, sum(quantity) AS q FROM depot.stock_move WHERE item_id <= 2000 GROUP BY item_id) m
ON s.item_id = m.item_id
WHEN MATCHED AND m.q < 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET on_hand = s.on_hand + m.q
WHEN NOT MATCHED THEN INSERT VALUES (m.item_id, m.q);
ROLLBACK;
