#include "pgpartitionstatistics.h"

#include "catalogrow.h"

#include "db/connection.h"

#include <QLocale>

PgPartitionStatistics::PgPartitionStatistics(Connection &connection)
    : m_connection(connection)
{}

QString PgPartitionStatistics::summed(qint64 value, int partitions)
{
    const QString number = QLocale().toString(value);
    if (partitions == 1)
        return tr("%1, from its only partition").arg(number);
    return tr("%1, the sum of its %n partitions", nullptr, partitions).arg(number);
}

QString PgPartitionStatistics::oldest(const QString &time, int happened, int partitions)
{
    if (happened == 0)
        return partitions <= 1 ? tr("never")
                               : tr("never on any of its %n partitions", nullptr, partitions);
    if (happened < partitions)
        return tr("never on %1 of its %n partitions", nullptr, partitions)
            .arg(QLocale().toString(partitions - happened));
    if (partitions == 1)
        return tr("%1 (its only partition)").arg(time);
    return tr("%1 (the oldest of its %n partitions)", nullptr, partitions).arg(time);
}

ObjectDetails::Entries PgPartitionStatistics::read(CatalogOid table, const QString &qualifiedName)
{
    // Leaves only: intermediate partitioned tables would count their partitions twice, and
    // their reltuples is set only by a manual ANALYZE of them. Sizes cover the whole tree (the
    // partitioned indexes of intermediate levels have no storage either).
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral(
            "WITH tree AS (SELECT relid, isleaf FROM pg_partition_tree(%1)),"
            " leaves AS (SELECT c.reltuples, s.* FROM tree t JOIN pg_class c ON c.oid = t.relid"
            " LEFT JOIN pg_stat_all_tables s ON s.relid = t.relid WHERE t.isleaf)"
            " SELECT (SELECT sum(pg_total_relation_size(relid)) FROM tree),"
            " (SELECT sum(pg_relation_size(relid)) FROM tree),"
            " (SELECT sum(pg_indexes_size(relid)) FROM tree),"
            " count(*), count(*) FILTER (WHERE reltuples >= 0),"
            " coalesce(sum(reltuples) FILTER (WHERE reltuples >= 0), 0)::bigint,"
            " coalesce(sum(n_live_tup), 0), coalesce(sum(n_dead_tup), 0),"
            " coalesce(sum(seq_scan), 0), coalesce(sum(seq_tup_read), 0), sum(idx_scan),"
            " coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0),"
            " coalesce(sum(n_tup_del), 0),"
            " min(last_vacuum)::text, count(last_vacuum),"
            " min(last_autovacuum)::text, count(last_autovacuum),"
            " min(last_analyze)::text, count(last_analyze),"
            " min(last_autoanalyze)::text, count(last_autoanalyze),"
            " (SELECT last_analyze::text FROM pg_stat_all_tables WHERE relid = %1)"
            " FROM leaves")
            .arg(table));
    if (rows.rowCount() == 0)
        return {};
    const CatalogRow row(rows, 0);
    const QLocale locale;
    const int partitions = int(row.number(3));
    const int analyzed = int(row.number(4));
    const qint64 estimated = row.number(5);
    auto size = [&](int column) { return locale.formattedDataSize(row.number(column)); };
    auto count = [&](int column) { return locale.toString(row.number(column)); };

    ObjectDetails::Entries entries;
    entries.append({tr("Partitions"),
                    partitions == 0   ? tr("none: the table holds no rows")
                    : partitions == 1 ? tr("1 leaf partition; the figures below are its own")
                                      : tr("%n leaf partitions; the figures below are summed "
                                           "over them",
                                           nullptr,
                                           partitions)});
    entries.append({tr("Total size"), size(0)});
    entries.append({tr("Table size"), size(1)});
    entries.append({tr("Indexes size"), size(2)});
    QString estimate;
    if (partitions == 0)
        estimate = locale.toString(0);
    else if (analyzed == 0)
        estimate = tr("never analyzed");
    else if (analyzed < partitions)
        estimate = tr("%1, the sum of %2 of its %n partitions (the rest never analyzed)",
                      nullptr,
                      partitions)
                       .arg(locale.toString(estimated), locale.toString(analyzed));
    else
        estimate = summed(estimated, partitions);
    entries.append({tr("Estimated rows"), estimate});
    entries.append(
        {tr("Live rows"), partitions == 0 ? count(6) : summed(row.number(6), partitions)});
    entries.append(
        {tr("Dead rows"), partitions == 0 ? count(7) : summed(row.number(7), partitions)});
    entries.append({tr("Sequential scans"), count(8)});
    entries.append({tr("Rows read by sequential scans"), count(9)});
    // NULL when no partition has an index, as for a table without one.
    entries.append({tr("Index scans"), row.isNull(10) ? tr("never") : count(10)});
    entries.append({tr("Rows inserted"), count(11)});
    entries.append({tr("Rows updated"), count(12)});
    entries.append({tr("Rows deleted"), count(13)});
    entries.append({tr("Last vacuum"), oldest(row.text(14), int(row.number(15)), partitions)});
    entries.append({tr("Last autovacuum"), oldest(row.text(16), int(row.number(17)), partitions)});
    entries.append({tr("Last analyze"), oldest(row.text(18), int(row.number(19)), partitions)});
    entries.append({tr("Last autoanalyze"), oldest(row.text(20), int(row.number(21)), partitions)});
    // The planner's statistics of the table as a whole come only from analyzing the parent,
    // which autovacuum never does.
    entries.append({tr("Last analyze of the table itself"),
                    row.isNull(22)
                        ? tr("never: autovacuum does not analyze partitioned tables; ANALYZE "
                             "%1 gives the planner statistics of the whole table")
                              .arg(qualifiedName)
                        : row.text(22)});
    return entries;
}
