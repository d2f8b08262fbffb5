-- ctes.json, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) WITH recent AS MATERIALIZED (
    SELECT item_id, sum(quantity) AS net FROM depot.stock_move
    WHERE moved_at >= '2023-09-25' GROUP BY item_id
)
SELECT a.item_id, a.net,
       (SELECT max(changed_at) FROM depot.price_change p WHERE p.item_id = a.item_id) AS last_change
FROM recent a JOIN recent b ON b.item_id = a.item_id + 1
WHERE a.net > (SELECT avg(net) FROM recent)
ORDER BY a.net DESC LIMIT 20;
