#include "indexhealthcheck.h"

#include "catalogrow.h"
#include "pgreadsnapshot.h"
#include "sqlidentifier.h"

#include "db/connection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace {

const char UserSchemas[]
    = "n.nspname <> 'information_schema' AND NOT starts_with(n.nspname, 'pg_')";

QStringList jsonNames(const QString &json)
{
    QStringList names;
    for (const QJsonValue &value : QJsonDocument::fromJson(json.toUtf8()).array())
        names << value.toString();
    return names;
}

QString size(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes);
}

} // namespace

struct IndexHealthCheck::Index
{
    quint32 oid = 0;
    quint32 table = 0;
    QString schema;
    QString name;
    QString tableName;
    bool unique = false;
    bool primary = false;
    bool valid = true;
    bool partitioned = false; // relkind 'I': no CONCURRENTLY
    bool attached = false;    // a partition's piece of a partitioned index
    QString definition;
    QString method;
    int keyColumns = 0;
    QList<int> columns; // key columns then INCLUDE columns
    QString opclasses;  // the parts compared for "same index"
    QString collations;
    QString options;
    QString expressions;
    QString predicate;
    qint64 scans = 0;
    qint64 size = 0;
    bool backsConstraint = false;

    QString qualifiedName() const { return SqlIdentifier::qualified(schema, name); }
    QString qualifiedTable() const { return SqlIdentifier::qualified(schema, tableName); }
    QList<int> keys() const { return columns.mid(0, keyColumns); }
    bool plain() const { return expressions.isEmpty() && predicate.isEmpty(); }
};

struct IndexHealthCheck::ForeignKey
{
    quint32 table = 0;
    QString schema;
    QString tableName;
    QString name;
    QList<int> columns;
    QStringList columnNames;
    QString target; // quoted schema.table it references
    bool partitioned = false;
};

struct IndexHealthCheck::Table
{
    QString schema;
    QString name;
    qint64 seqScans = 0;
    qint64 seqRowsRead = 0;
    qint64 indexScans = 0;
    qint64 liveRows = 0;
    bool hasPrimaryKey = false;
    bool partition = false;
};

IndexHealthCheck::IndexHealthCheck(Connection &connection)
    : m_connection(connection)
{}

void IndexHealthCheck::setSeqScanThresholds(qint64 minRows, qint64 minScans)
{
    m_minRows = minRows;
    m_minScans = minScans;
}

QList<HealthFinding> IndexHealthCheck::run()
{
    PgReadSnapshot snapshot(m_connection);
    m_period = StatisticsPeriod::read(m_connection);
    const QList<Index> indexes = readIndexes();
    const QList<ForeignKey> keys = readForeignKeys();
    const QList<Table> tables = readTables();

    QList<HealthFinding> findings;
    findInvalid(indexes, findings);
    QList<quint32> reported = findDuplicates(indexes, findings);
    reported += findRedundant(indexes, reported, findings);
    findUnused(indexes, keys, reported, findings);
    findUnsupportedForeignKeys(keys, indexes, findings);
    findTableProblems(tables, findings);
    std::stable_sort(findings.begin(),
                     findings.end(),
                     [](const HealthFinding &a, const HealthFinding &b) {
                         return std::make_pair(int(a.kind), a.object)
                                < std::make_pair(int(b.kind), b.object);
                     });
    return findings;
}

QList<IndexHealthCheck::Index> IndexHealthCheck::readIndexes()
{
    // Partitioned indexes have no statistics of their own: their leaves' scans and sizes count.
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral(
            "SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname, c.relname, i.indisunique,"
            " i.indisprimary, i.indisvalid, ic.relkind = 'I', ic.relispartition,"
            " pg_get_indexdef(i.indexrelid), am.amname, i.indnkeyatts,"
            " array_to_string(i.indkey::int2[], ','), array_to_string(i.indclass::oid[], ','),"
            " array_to_string(i.indcollation::oid[], ','), array_to_string(i.indoption::int2[], "
            "','),"
            " coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),"
            " coalesce(pg_get_expr(i.indpred, i.indrelid), ''),"
            " CASE WHEN ic.relkind = 'I' THEN (SELECT coalesce(sum(pg_stat_get_numscans(t.relid)), "
            "0)"
            " FROM pg_partition_tree(i.indexrelid) t WHERE t.isleaf)"
            " ELSE pg_stat_get_numscans(i.indexrelid) END,"
            " CASE WHEN ic.relkind = 'I' THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0)"
            " FROM pg_partition_tree(i.indexrelid) t)"
            " ELSE pg_relation_size(i.indexrelid) END,"
            " EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid"
            " AND co.contype IN ('p','u','x'))"
            " FROM pg_index i"
            " JOIN pg_class ic ON ic.oid = i.indexrelid"
            " JOIN pg_class c ON c.oid = i.indrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " JOIN pg_am am ON am.oid = ic.relam"
            " WHERE %1"
            " ORDER BY n.nspname, c.relname, ic.relname")
            .arg(QLatin1String(UserSchemas)));
    QList<Index> indexes;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        Index index;
        index.oid = row.oid(0);
        index.table = row.oid(1);
        index.schema = row.text(2);
        index.name = row.text(3);
        index.tableName = row.text(4);
        index.unique = row.flag(5);
        index.primary = row.flag(6);
        index.valid = row.flag(7);
        index.partitioned = row.flag(8);
        index.attached = row.flag(9);
        index.definition = row.text(10);
        index.method = row.text(11);
        index.keyColumns = int(row.number(12));
        index.columns = row.numbers(13);
        index.opclasses = row.text(14);
        index.collations = row.text(15);
        index.options = row.text(16);
        index.expressions = row.text(17);
        index.predicate = row.text(18);
        index.scans = row.number(19);
        index.size = row.number(20);
        index.backsConstraint = row.flag(21);
        indexes.append(index);
    }
    return indexes;
}

QList<IndexHealthCheck::ForeignKey> IndexHealthCheck::readForeignKeys()
{
    // Partitions carry clones of their parent's keys (conparentid): the parent's is the one.
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral(
            "SELECT co.conrelid, n.nspname, c.relname, co.conname, array_to_string(co.conkey, ','),"
            " (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY"
            " k(attnum, ord) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = "
            "k.attnum),"
            " fn.nspname, fc.relname, c.relkind = 'p'"
            " FROM pg_constraint co"
            " JOIN pg_class c ON c.oid = co.conrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " JOIN pg_class fc ON fc.oid = co.confrelid"
            " JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
            " WHERE co.contype = 'f' AND co.conparentid = 0 AND %1"
            " ORDER BY n.nspname, c.relname, co.conname")
            .arg(QLatin1String(UserSchemas)));
    QList<ForeignKey> keys;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        ForeignKey key;
        key.table = row.oid(0);
        key.schema = row.text(1);
        key.tableName = row.text(2);
        key.name = row.text(3);
        key.columns = row.numbers(4);
        key.columnNames = jsonNames(row.text(5));
        key.target = SqlIdentifier::qualified(row.text(6), row.text(7));
        key.partitioned = row.flag(8);
        keys.append(key);
    }
    return keys;
}

QList<IndexHealthCheck::Table> IndexHealthCheck::readTables()
{
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral(
            "SELECT n.nspname, c.relname, coalesce(s.seq_scan, 0), coalesce(s.seq_tup_read, 0),"
            " coalesce(s.idx_scan, 0), coalesce(s.n_live_tup, 0),"
            " EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conrelid = c.oid AND co.contype = "
            "'p'),"
            " c.relispartition"
            " FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid"
            " WHERE c.relkind IN ('r','p') AND %1"
            " ORDER BY n.nspname, c.relname")
            .arg(QLatin1String(UserSchemas)));
    QList<Table> tables;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        Table table;
        table.schema = row.text(0);
        table.name = row.text(1);
        table.seqScans = row.number(2);
        table.seqRowsRead = row.number(3);
        table.indexScans = row.number(4);
        table.liveRows = row.number(5);
        table.hasPrimaryKey = row.flag(6);
        table.partition = row.flag(7);
        tables.append(table);
    }
    return tables;
}

QString IndexHealthCheck::dropFix(const Index &index) const
{
    if (index.backsConstraint)
        return tr("-- %1 implements a constraint; drop the constraint instead if it is not needed.")
            .arg(index.qualifiedName());
    // IF EXISTS: several fixes run together outside a transaction can be run again after one
    // failed, as the linter asks of such scripts (prefer-robust-stmts).
    if (index.partitioned)
        return tr("-- %1 is on a partitioned table: CONCURRENTLY is not available and this "
                  "blocks reads and writes while it runs.\nDROP INDEX IF EXISTS %1;")
            .arg(index.qualifiedName());
    return QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1;").arg(index.qualifiedName());
}

void IndexHealthCheck::findInvalid(const QList<Index> &indexes, QList<HealthFinding> &findings) const
{
    for (const Index &index : indexes) {
        if (index.valid || index.attached)
            continue;
        HealthFinding finding;
        finding.kind = HealthFinding::Kind::InvalidIndex;
        finding.object = index.qualifiedName();
        finding.table = index.qualifiedTable();
        finding.sizeBytes = index.size;
        finding.detail
            = tr("%1 is invalid (a failed CREATE INDEX CONCURRENTLY?): it is maintained on "
                 "every write but never used for reads.")
                  .arg(index.qualifiedName());
        // The drop before it makes IF NOT EXISTS safe: a failed build leaves an INVALID index of
        // the same name, which running the pair again drops first.
        QString create = index.definition;
        create.replace(QRegularExpression(QStringLiteral("^CREATE (UNIQUE )?INDEX ")),
                       QStringLiteral("CREATE \\1INDEX CONCURRENTLY IF NOT EXISTS "));
        finding.fix = dropFix(index) + u'\n' + create + u';';
        findings.append(finding);
    }
}

QList<quint32> IndexHealthCheck::findDuplicates(const QList<Index> &indexes,
                                                QList<HealthFinding> &findings) const
{
    // Same table, method, columns, operator classes, collations, options, expressions, predicate.
    QHash<QString, QList<const Index *>> groups;
    for (const Index &index : indexes) {
        if (!index.valid || index.attached)
            continue;
        QStringList columns;
        for (int column : index.columns)
            columns << QString::number(column);
        const QString key = QStringList{QString::number(index.table),
                                        index.method,
                                        QString::number(index.keyColumns),
                                        columns.join(u','),
                                        index.opclasses,
                                        index.collations,
                                        index.options,
                                        index.expressions,
                                        index.predicate}
                                .join(u'\x1f');
        groups[key].append(&index);
    }
    QList<quint32> reported;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        QList<const Index *> group = it.value();
        if (group.size() < 2)
            continue;
        // Keep the one that matters most: the primary key, a constraint's, a unique one, the
        // one queries use, the oldest.
        std::sort(group.begin(), group.end(), [](const Index *a, const Index *b) {
            auto rank = [](const Index *i) {
                return std::make_tuple(!i->primary, !i->backsConstraint, !i->unique, -i->scans);
            };
            if (rank(a) != rank(b))
                return rank(a) < rank(b);
            return a->oid < b->oid;
        });
        const Index *kept = group.first();
        for (const Index *duplicate : group.mid(1)) {
            HealthFinding finding;
            finding.kind = HealthFinding::Kind::DuplicateIndex;
            finding.object = duplicate->qualifiedName();
            finding.table = duplicate->qualifiedTable();
            finding.sizeBytes = duplicate->size;
            finding.detail = tr("%1 is identical to %2 (%3 scans against %4); it only costs writes "
                                "and %5 of disk.")
                                 .arg(duplicate->qualifiedName(),
                                      kept->qualifiedName(),
                                      QString::number(duplicate->scans),
                                      QString::number(kept->scans),
                                      size(duplicate->size));
            finding.fix = dropFix(*duplicate);
            findings.append(finding);
            reported.append(duplicate->oid);
        }
    }
    return reported;
}

QList<quint32> IndexHealthCheck::findRedundant(const QList<Index> &indexes,
                                               const QList<quint32> &skip,
                                               QList<HealthFinding> &findings) const
{
    // A plain b-tree whose key columns lead another b-tree on the same table adds nothing for
    // reads; unique ones stay (they enforce something).
    QList<quint32> reported;
    for (const Index &index : indexes) {
        if (index.unique || !index.valid || index.attached || index.method != QLatin1String("btree")
            || !index.plain() || skip.contains(index.oid) || index.backsConstraint)
            continue;
        const QStringList classes = index.opclasses.split(u',');
        for (const Index &wider : indexes) {
            if (wider.oid == index.oid || wider.table != index.table || !wider.valid
                || wider.method != QLatin1String("btree") || !wider.plain()
                || wider.keyColumns <= index.keyColumns || skip.contains(wider.oid))
                continue;
            if (wider.keys().mid(0, index.keyColumns) != index.keys()
                || wider.opclasses.split(u',').mid(0, index.keyColumns)
                       != classes.mid(0, index.keyColumns))
                continue;
            HealthFinding finding;
            finding.kind = HealthFinding::Kind::RedundantIndex;
            finding.object = index.qualifiedName();
            finding.table = index.qualifiedTable();
            finding.sizeBytes = index.size;
            finding.detail = tr("The columns of %1 are the leading columns of %2, which serves the "
                                "same look-ups.")
                                 .arg(index.qualifiedName(), wider.qualifiedName());
            finding.fix = dropFix(index);
            findings.append(finding);
            reported.append(index.oid);
            break;
        }
    }
    return reported;
}

bool IndexHealthCheck::supports(const Index &index, const ForeignKey &key)
{
    if (index.table != key.table || !index.valid || !index.predicate.isEmpty())
        return false;
    // The key's columns, in any order, must be the index's leading columns.
    QList<int> leading = index.keys().mid(0, key.columns.size());
    QList<int> wanted = key.columns;
    std::sort(leading.begin(), leading.end());
    std::sort(wanted.begin(), wanted.end());
    return leading == wanted;
}

void IndexHealthCheck::findUnused(const QList<Index> &indexes,
                                  const QList<ForeignKey> &keys,
                                  const QList<quint32> &skip,
                                  QList<HealthFinding> &findings) const
{
    for (const Index &index : indexes) {
        if (index.scans != 0 || index.unique || index.primary || index.backsConstraint
            || !index.valid || index.attached || skip.contains(index.oid))
            continue;
        // The only index behind a foreign key keeps deletes on the referenced table fast even
        // when no query reads it.
        const bool needed = std::any_of(keys.cbegin(), keys.cend(), [&](const ForeignKey &key) {
            return supports(index, key);
        });
        if (needed)
            continue;
        HealthFinding finding;
        finding.kind = HealthFinding::Kind::UnusedIndex;
        finding.object = index.qualifiedName();
        finding.table = index.qualifiedTable();
        finding.sizeBytes = index.size;
        finding.detail = tr("%1 (%2) has not been scanned since %3; it is judged over that "
                            "period only.")
                             .arg(index.qualifiedName(), size(index.size), m_period.sinceText());
        finding.weak = !m_period.isValid() || m_period.isShort();
        if (finding.weak && m_period.isValid())
            finding.detail += u' '
                              + tr("That is only %1: a weak judgement, as weekly or monthly work "
                                   "may not have run yet.")
                                    .arg(StatisticsPeriod::formatLength(m_period.seconds()));
        else if (finding.weak)
            finding.detail += u' '
                              + tr("A weak judgement: how long the counters have run is unknown.");
        finding.fix = dropFix(index);
        findings.append(finding);
    }
}

void IndexHealthCheck::findUnsupportedForeignKeys(const QList<ForeignKey> &keys,
                                                  const QList<Index> &indexes,
                                                  QList<HealthFinding> &findings) const
{
    QSet<QString> reported; // two keys on the same columns need one index
    for (const ForeignKey &key : keys) {
        const bool supported = std::any_of(indexes.cbegin(),
                                           indexes.cend(),
                                           [&](const Index &index) { return supports(index, key); });
        QList<int> sorted = key.columns;
        std::sort(sorted.begin(), sorted.end());
        QString columnsKey = QString::number(key.table);
        for (int column : sorted)
            columnsKey += u',' + QString::number(column);
        if (supported || reported.contains(columnsKey))
            continue;
        reported.insert(columnsKey);
        QStringList columns;
        for (const QString &column : key.columnNames)
            columns << SqlIdentifier::quote(column);
        const QString table = SqlIdentifier::qualified(key.schema, key.tableName);
        HealthFinding finding;
        finding.kind = HealthFinding::Kind::ForeignKeyWithoutIndex;
        finding.object = SqlIdentifier::qualified(key.schema, key.name);
        finding.table = table;
        finding.detail = tr("No index starts with %1 (%2 → %3): every delete or key update in %3 "
                            "scans %2, and joins on the key cannot use an index.")
                             .arg(columns.join(QStringLiteral(", ")), table, key.target);
        finding.fix
            = key.partitioned
                  ? tr("-- %1 is partitioned: CONCURRENTLY is not available and this blocks "
                       "writes while it runs.\nCREATE INDEX ON %1 (%2);")
                        .arg(table, columns.join(QStringLiteral(", ")))
                  : QStringLiteral("CREATE INDEX CONCURRENTLY ON %1 (%2);")
                        .arg(table, columns.join(QStringLiteral(", ")));
        findings.append(finding);
    }
}

void IndexHealthCheck::findTableProblems(const QList<Table> &tables,
                                         QList<HealthFinding> &findings) const
{
    for (const Table &table : tables) {
        const QString name = SqlIdentifier::qualified(table.schema, table.name);
        if (!table.hasPrimaryKey && !table.partition) {
            HealthFinding finding;
            finding.kind = HealthFinding::Kind::NoPrimaryKey;
            finding.object = name;
            finding.table = name;
            finding.detail = tr("%1 has no primary key: rows cannot be addressed reliably, and "
                                "logical replication cannot send its updates and deletes.")
                                 .arg(name);
            finding.fix = tr("-- Rewrites the table under an exclusive lock; prefer an existing "
                             "unique, not-null column if there is one.\n"
                             "ALTER TABLE %1 ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY "
                             "PRIMARY KEY;")
                              .arg(name);
            findings.append(finding);
        }
        if (table.liveRows >= m_minRows && table.seqScans >= m_minScans
            && table.seqScans > table.indexScans) {
            HealthFinding finding;
            finding.kind = HealthFinding::Kind::SeqScanHeavy;
            finding.object = name;
            finding.table = name;
            finding.detail = tr("%1 (%2 rows) was read by %3 sequential scans (%4 rows in all) "
                                "against %5 index scans.")
                                 .arg(name,
                                      QString::number(table.liveRows),
                                      QString::number(table.seqScans),
                                      QString::number(table.seqRowsRead),
                                      QString::number(table.indexScans));
            finding.fix = tr("-- Find the queries that scan %1 (pg_stat_statements, EXPLAIN) and "
                             "index the columns they filter on, for example:\n"
                             "-- CREATE INDEX CONCURRENTLY ON %1 (column);")
                              .arg(name);
            findings.append(finding);
        }
    }
}
