-- partitions.txt, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) SELECT warehouse_id, count(*) FROM depot.shipment
WHERE shipped_on >= '2024-03-15' AND shipped_on < '2024-05-01' GROUP BY warehouse_id ORDER BY 2 DESC;
