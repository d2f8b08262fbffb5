#include "liveschema.h"

#include "db/connection.h"
#include "sql/parsedscript.h"

#include <QHash>

namespace {

// A partitioned table stores nothing and autovacuum never analyzes it, yet a statement on it
// locks its partitions: their rows and sizes are its own (a lock on "0 rows" would be
// downgraded to a warning). Materialized once per table, not per column.
const char TablesSql[] = R"(
WITH rel AS MATERIALIZED (
  SELECT c.oid, n.nspname, c.relname,
         CASE WHEN c.relkind = 'p' THEN
                (SELECT coalesce(sum(CASE WHEN l.reltuples >= 0 THEN l.reltuples::bigint
                                          ELSE coalesce(ls.n_live_tup, 0) END), 0)
                 FROM pg_partition_tree(c.oid) t
                 JOIN pg_class l ON l.oid = t.relid
                 LEFT JOIN pg_stat_user_tables ls ON ls.relid = l.oid
                 WHERE t.isleaf)
              WHEN c.reltuples >= 0 THEN c.reltuples::bigint
              ELSE coalesce(s.n_live_tup, 0) END AS rows,
         CASE WHEN c.relkind = 'p' THEN
                (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)
                 FROM pg_partition_tree(c.oid) t)
              ELSE pg_total_relation_size(c.oid) END AS bytes
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
  WHERE c.relkind IN ('r', 'p', 'm', 'f')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%')
SELECT rel.nspname, rel.relname, rel.rows, rel.bytes,
       a.attname, format_type(a.atttypid, a.atttypmod)
FROM rel
LEFT JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY rel.nspname, rel.relname, a.attnum)";

// Columns of each index, including those named inside index expressions.
const char IndexesSql[] = R"(
SELECT t.relname, i.indexrelid, a.attname
FROM pg_index i
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  AND (a.attnum = ANY (i.indkey)
       OR pg_get_expr(i.indexprs, i.indrelid) ~ ('\m' || a.attname || '\M'))
ORDER BY 1, 2)";

// Which index belongs to which table, for DROP INDEX and REINDEX INDEX.
const char IndexTablesSql[] = R"(
SELECT ic.relname, t.relname
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%')";

const char ChecksSql[] = R"(
SELECT t.relname, con.oid, a.attname, con.convalidated,
       pg_get_constraintdef(con.oid) ~* ('^CHECK \(\(' || quote_ident(a.attname) || ' IS NOT NULL\)\)( NOT VALID)?$'),
       con.conname
FROM pg_constraint con
JOIN pg_class t ON t.oid = con.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (con.conkey)
WHERE con.contype = 'c'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
ORDER BY 1, 2)";

// Column types come back from format_type() as SQL ("character varying(20)"); PostgreSQL's
// grammar turns them into the same TypeSpec a migration's own text gives.
QList<TypeSpec> parseTypes(const QStringList &typeTexts)
{
    QString script;
    for (const QString &type : typeTexts)
        script += QStringLiteral("SELECT NULL::%1;\n").arg(type);
    const ParsedScript parsed = ParsedScript::parse(script);
    QList<TypeSpec> types;
    for (const ParsedStatement &statement : parsed.statements()) {
        const QList<PgNode> targets = statement.node.field("targetList").list();
        const PgNode cast = targets.isEmpty() ? PgNode() : targets.first().field("val");
        types.append(TypeSpec::fromNode(cast.field("typeName")));
    }
    return types;
}

} // namespace

namespace LiveSchema {

KnownSchema load(Connection &connection)
{
    KnownSchema schema;
    const RowBatch settings = connection.fetchAll(QStringLiteral(
        "SELECT current_setting('server_version_num')::int / 10000, current_setting('TimeZone')"));
    if (settings.rowCount() == 1) {
        schema.serverVersion = settings.text(0, 0).toInt();
        schema.timeZone = settings.text(0, 1);
    }

    const RowBatch tables = connection.fetchAll(QString::fromLatin1(TablesSql));
    QStringList typeTexts;
    QList<QPair<QString, QString>> columns; // table, column, in the order of typeTexts
    for (int row = 0; row < tables.rowCount(); ++row) {
        const QString name = tables.text(row, 1);
        KnownTable *table = schema.table(name);
        if (!table) {
            table = &schema.addTable(tables.text(row, 0), name);
            table->rows = tables.text(row, 2).toLongLong();
            table->bytes = tables.text(row, 3).toLongLong();
        }
        if (!tables.isNull(row, 4)) {
            columns.append({name, tables.text(row, 4)});
            typeTexts.append(tables.text(row, 5));
        }
    }
    const QList<TypeSpec> types = parseTypes(typeTexts);
    for (int i = 0; i < columns.size() && i < types.size(); ++i)
        schema.table(columns.at(i).first)->columns.append({columns.at(i).second, types.at(i)});

    auto groupColumns = [&schema](const RowBatch &rows, auto addGroup) {
        QString currentKey;
        QString currentTable;
        QStringList group;
        for (int row = 0; row <= rows.rowCount(); ++row) {
            const QString key = row < rows.rowCount() ? rows.text(row, 1) : QString();
            if (row == rows.rowCount() || key != currentKey) {
                if (KnownTable *table = schema.table(currentTable); table && !group.isEmpty())
                    addGroup(table, group);
                group.clear();
                if (row == rows.rowCount())
                    break;
                currentKey = key;
                currentTable = rows.text(row, 0);
            }
            group.append(rows.text(row, 2));
        }
    };
    groupColumns(connection.fetchAll(QString::fromLatin1(IndexesSql)),
                 [](KnownTable *table, const QStringList &group) {
                     table->indexColumns.append(group);
                 });
    const RowBatch checks = connection.fetchAll(QString::fromLatin1(ChecksSql));
    groupColumns(checks, [](KnownTable *table, const QStringList &group) {
        table->checkColumns.append(group);
    });
    for (int row = 0; row < checks.rowCount(); ++row) {
        const QString name = checks.text(row, 5);
        const bool validated = checks.text(row, 3) == QLatin1String("t");
        // Every CHECK is listed, so that one whose name only sounds like a not-null check is
        // known not to be one.
        if (checks.text(row, 4) != QLatin1String("t")) {
            if (!schema.checks.contains(name))
                schema.checks.insert(name, {checks.text(row, 0), QString(), validated});
            continue;
        }
        schema.checks.insert(name, {checks.text(row, 0), checks.text(row, 2), validated});
        if (KnownTable *table = schema.table(checks.text(row, 0)); table && validated)
            table->validatedNotNullChecks.append(checks.text(row, 2));
    }

    const RowBatch indexTables = connection.fetchAll(QString::fromLatin1(IndexTablesSql));
    for (int row = 0; row < indexTables.rowCount(); ++row)
        schema.addIndex(indexTables.text(row, 0), indexTables.text(row, 1));

    const RowBatch functions = connection.fetchAll(
        QStringLiteral("SELECT DISTINCT proname FROM pg_proc WHERE provolatile = 'v'"));
    for (int row = 0; row < functions.rowCount(); ++row)
        schema.volatileFunctions.insert(functions.text(row, 0));
    schema.knownFunctions = true;
    return schema;
}

} // namespace LiveSchema
