#!/usr/bin/env bash
# Regenerates the plans in this folder from a PostgreSQL server (15 or later). The plans the tests
# read are committed: run this only to add a case or to refresh them on a newer server, then fix
# the numbers the suites state (tst_explainparser, tst_explainmetrics, ...) by reading the files.
#
# usage: tests/data/plans/regenerate.sh [psql connection options...]
# e.g.   tests/data/plans/regenerate.sh -h /tmp/slipway-dev/run -p 5433 -U postgres
# It creates (or recreates) the database "slipway_plans" from setup.sql and writes, per case,
# NAME.query.sql (settings and statement) and NAME.txt or NAME.json, then INDEX.tsv.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
db=slipway_plans
psql_base=(psql -X -q -v ON_ERROR_STOP=1 "$@")

"${psql_base[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
"${psql_base[@]}" -d "$db" -f "$here/setup.sql"

# Every case starts from the same settings: no JIT, no parallelism, unless the case asks.
defaults="SET jit = off; SET max_parallel_workers_per_gather = 0;"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"

# plan NAME EXT STYLE OPTIONS SETTINGS STATEMENT [rollback]
#   EXT: txt or json (the FORMAT); STYLE: raw (plan only, as a tool copies it), aligned (psql's
#   default output around it), ascii-frame (\pset border 2), unicode-frame (unicode lines too).
plan()
{
    local name=$1 ext=$2 style=$3 options=$4 settings=$5 statement=$6 rollback=${7:-}
    local format=TEXT
    [ "$ext" = json ] && format=JSON
    local -a psql=("${psql_base[@]}" -d "$db")
    case "$style" in
        raw) psql+=(-A -t) ;;
        aligned) ;;
        ascii-frame) psql+=(-P border=2) ;;
        unicode-frame) psql+=(-P border=2 -P linestyle=unicode) ;;
    esac
    local explain="EXPLAIN ($options${options:+, }FORMAT $format) $statement"
    local script="$defaults
$settings"
    if [ -n "$rollback" ]; then
        script+=$'\nBEGIN;\n'"$explain"$'\nROLLBACK;'
    else
        script+=$'\n'"$explain"
    fi
    printf -- '-- %s, psql output style: %s\n%s\n' "$name.$ext" "$style" "$script" >"$here/$name.query.sql"
    "${psql[@]}" -c '\set QUIET on' -f - <<<"$script" >"$here/$name.$ext"
}

# A join with an aggregate and a sort, in both formats (the same plan shape, two runs).
simple_join="SELECT w.name, sum(m.quantity) AS moved
FROM depot.warehouse w JOIN depot.stock_move m ON m.warehouse_id = w.id
WHERE w.region_id = 3 AND m.moved_at >= '2023-06-01' AND m.moved_at < '2023-06-08'
GROUP BY w.name ORDER BY moved DESC;"
plan simple-join txt raw "ANALYZE, BUFFERS" "" "$simple_join"
plan simple-join json raw "ANALYZE, BUFFERS" "" "$simple_join"
plan simple-join-aligned txt aligned "ANALYZE, BUFFERS" "" "$simple_join"
plan simple-join-estimates txt raw "" "" "$simple_join"

# Two parallel workers: Gather Merge, partial and finalize aggregates, per-worker details.
parallel_agg="SELECT i.category, count(*) AS moves, sum(m.quantity) AS net
FROM depot.stock_move m JOIN depot.item i ON i.id = m.item_id
GROUP BY i.category ORDER BY i.category;"
plan parallel-verbose txt raw "ANALYZE, VERBOSE, BUFFERS" "$parallel" "$parallel_agg"
plan parallel-verbose json raw "ANALYZE, VERBOSE, BUFFERS" "$parallel" "$parallel_agg"
plan parallel-jit txt raw "ANALYZE, VERBOSE" "$parallel
SET jit = on; SET jit_above_cost = 0; SET jit_inline_above_cost = -1; SET jit_optimize_above_cost = -1;" "$parallel_agg"

# A CTE scanned twice, an InitPlan and a correlated SubPlan.
ctes="WITH recent AS MATERIALIZED (
    SELECT item_id, sum(quantity) AS net FROM depot.stock_move
    WHERE moved_at >= '2023-09-25' GROUP BY item_id
)
SELECT a.item_id, a.net,
       (SELECT max(changed_at) FROM depot.price_change p WHERE p.item_id = a.item_id) AS last_change
FROM recent a JOIN recent b ON b.item_id = a.item_id + 1
WHERE a.net > (SELECT avg(net) FROM recent)
ORDER BY a.net DESC LIMIT 20;"
plan ctes txt raw "ANALYZE, BUFFERS" "" "$ctes"
plan ctes json raw "ANALYZE, BUFFERS" "" "$ctes"

# A sort that spills to disk, and a hash join in several batches.
plan sort-disk txt raw "ANALYZE, BUFFERS" "SET work_mem = '64kB';" \
    "SELECT id, moved_at FROM depot.stock_move ORDER BY quantity, moved_at;"
plan hash-batches txt raw "ANALYZE, BUFFERS" "SET work_mem = '256kB';" \
    "SELECT i.category, sum(m.quantity) FROM depot.stock_move m JOIN depot.item i ON i.id = m.item_id
WHERE m.moved_at < '2023-03-01' GROUP BY i.category;"

# Partitions: plan-time pruning, and run-time pruning (partitions never executed).
plan partitions txt raw "ANALYZE, BUFFERS" "" \
    "SELECT warehouse_id, count(*) FROM depot.shipment
WHERE shipped_on >= '2024-03-15' AND shipped_on < '2024-05-01' GROUP BY warehouse_id ORDER BY 2 DESC;"
plan partitions-runtime json raw "ANALYZE" "" \
    "SELECT count(*) FROM depot.shipment WHERE shipped_on >= (SELECT date '2024-10-01' + 7);"

# Writes (rolled back): a DELETE whose foreign keys cascade and fire triggers, and a MERGE.
plan delete-triggers txt aligned "ANALYZE, BUFFERS" "" \
    "DELETE FROM depot.item WHERE id IN (SELECT item_id FROM depot.price_change WHERE new_price > 100.5);" rollback
plan merge txt raw "ANALYZE, BUFFERS, WAL, SETTINGS" "SET work_mem = '1MB';" \
    "MERGE INTO depot.stock_level s
USING (SELECT item_id, sum(quantity) AS q FROM depot.stock_move WHERE item_id <= 2000 GROUP BY item_id) m
ON s.item_id = m.item_id
WHEN MATCHED AND m.q < 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET on_hand = s.on_hand + m.q
WHEN NOT MATCHED THEN INSERT VALUES (m.item_id, m.q);" rollback

# Nested loops: Memoize, a bitmap OR, an incremental sort.
plan memoize txt raw "ANALYZE" "SET enable_hashjoin = off; SET enable_mergejoin = off;" \
    "SELECT w.name, m.quantity FROM depot.stock_move m JOIN depot.warehouse w ON w.id = m.warehouse_id
WHERE m.moved_at < '2023-01-10';"
plan bitmap-or txt raw "ANALYZE, BUFFERS" "" \
    "SELECT * FROM depot.stock_move WHERE item_id < 200 OR moved_at < '2023-01-01 12:00';"
plan incremental-sort txt raw "ANALYZE" "" \
    "SELECT * FROM depot.stock_move ORDER BY moved_at, id LIMIT 1000;"

# A missing index: a filter on a column no index covers.
plan missing-index-ascii txt ascii-frame "ANALYZE" "" \
    "SELECT s.id, c.city FROM depot.customer c JOIN depot.shipment s ON s.customer_id = c.id
WHERE c.username = 'user4242';"
plan missing-index-unicode json unicode-frame "ANALYZE" "" \
    "SELECT s.id, c.city FROM depot.customer c JOIN depot.shipment s ON s.customer_id = c.id
WHERE c.username = 'user4242';"

# Many CTEs and a UNION ALL: a wide plan.
many="WITH r1 AS MATERIALIZED (SELECT id FROM depot.region WHERE id <= 2),
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
UNION ALL SELECT 'regions', count(*) FROM r1;"
plan many-ctes json raw "ANALYZE, BUFFERS" "" "$many"

# INDEX.tsv: each plan file, its format and its node count, counted without any plan parser
# (JSON: "Node Type" keys; text: the "->" arrows plus the root).
{
    printf 'file\tformat\tnode_count\tstyle\n'
    for f in "$here"/*.txt "$here"/*.json; do
        name=$(basename "$f")
        style=$(sed -n '1s/.*psql output style: //p' "$here/${name%.*}.query.sql")
        if [[ $name == *.json ]]; then
            n=$(grep -o '"Node Type"' "$f" | wc -l)
            printf '%s\tjson\t%s\t%s\n' "$name" "$n" "$style"
        else
            n=$(($(grep -c -- '->' "$f") + 1))
            printf '%s\ttext\t%s\t%s\n' "$name" "$n" "$style"
        fi
    done
} >"$here/INDEX.tsv"
