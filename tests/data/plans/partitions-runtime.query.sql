-- partitions-runtime.json, psql output style: raw
SET jit = off; SET max_parallel_workers_per_gather = 0;

EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM depot.shipment WHERE shipped_on >= (SELECT date '2024-10-01' + 7);
