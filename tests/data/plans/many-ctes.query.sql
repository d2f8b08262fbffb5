-- many-ctes.json, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) WITH r1 AS MATERIALIZED (SELECT id FROM depot.region WHERE id <= 2),
w1 AS MATERIALIZED (SELECT w.id FROM depot.warehouse w JOIN r1 ON r1.id = w.region_id),
m1 AS MATERIALIZED (SELECT item_id, quantity FROM depot.stock_move WHERE warehouse_id IN (SELECT id FROM w1) AND moved_at < '2023-02-01'),
i1 AS MATERIALIZED (SELECT id, category FROM depot.item WHERE id IN (SELECT item_id FROM m1)),
p1 AS MATERIALIZED (SELECT item_id, max(new_price) AS price FROM depot.price_change GROUP BY item_id),
c1 AS MATERIALIZED (SELECT customer_id, count(*) AS n FROM depot.shipment WHERE shipped_on < '2024-02-01' GROUP BY customer_id),
s1 AS MATERIALIZED (SELECT item_id, on_hand FROM depot.stock_level WHERE on_hand > 80)
SELECT 'moves' AS what, count(*) FROM m1
UNION ALL SELECT 'items', count(*) FROM i1 JOIN p1 ON p1.item_id = i1.id
UNION ALL SELECT 'customers', count(*) FROM c1 WHERE n > 2
UNION ALL SELECT 'stocked', count(*) FROM s1 JOIN i1 ON i1.id = s1.item_id
UNION ALL SELECT 'regions', count(*) FROM r1;
