#include "sqlitecatalogreader.h"

#include "catalogrow.h"
#include "sqlidentifier.h"

#include "db/connection.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace {

bool isSystemName(const QString &name)
{
    return name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive);
}

QString quotedList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted << SqlIdentifier::quote(name);
    return quoted.join(QStringLiteral(", "));
}

// SQLite reports foreign key actions in words ("CASCADE", "NO ACTION").
char actionCode(const QString &action)
{
    const QString upper = action.toUpper();
    if (upper == QLatin1String("CASCADE"))
        return 'c';
    if (upper == QLatin1String("RESTRICT"))
        return 'r';
    if (upper == QLatin1String("SET NULL"))
        return 'n';
    if (upper == QLatin1String("SET DEFAULT"))
        return 'd';
    return 'a';
}

} // namespace

SqliteCatalogReader::SqliteCatalogReader(Connection &connection)
    : m_connection(connection)
{}

QList<CatalogSchema> SqliteCatalogReader::readSchemas(const CatalogScope &scope)
{
    Catalog catalog;
    readObjects(scope, catalog);
    CatalogSchema main;
    main.oid = MainSchemaOid;
    main.name = QStringLiteral("main");
    for (const CatalogRelation &relation : std::as_const(catalog.relations)) {
        if (relation.kind == CatalogRelation::Kind::Table)
            ++main.tableCount;
    }
    // As in PostgreSQL, a filter lists only the schemas holding a match.
    if (!scope.filter.isEmpty() && catalog.relations.isEmpty())
        return {};
    return {main};
}

Catalog SqliteCatalogReader::readSchemaObjects(const CatalogScope &scope)
{
    Catalog catalog;
    if (scope.kind == CatalogScope::Kind::Schemas && !scope.oids.contains(MainSchemaOid))
        return catalog;
    readObjects(scope, catalog);
    return catalog;
}

Catalog SqliteCatalogReader::readRelationParts(const QList<CatalogOid> &relations)
{
    Catalog catalog;
    readObjects(CatalogScope::everything(true), catalog);
    readColumns(catalog);
    readIndexes(catalog);
    readForeignKeys(catalog);
    auto outside = [&relations](const auto &record) {
        return !relations.contains(record.relationOid);
    };
    catalog.columns.removeIf(outside);
    catalog.constraints.removeIf(outside);
    catalog.indexes.removeIf(outside);
    catalog.triggers.removeIf(outside);
    catalog.relations.clear(); // SQLite has no partitions
    return catalog;
}

Catalog SqliteCatalogReader::readEverything(const CatalogScope &scope)
{
    Catalog catalog;
    readObjects(scope, catalog);
    readColumns(catalog);
    readIndexes(catalog);
    readForeignKeys(catalog);
    if (!catalog.relations.isEmpty() || scope.filter.isEmpty())
        catalog.schemas = readSchemas(scope);
    return catalog;
}

void SqliteCatalogReader::readObjects(const CatalogScope &scope, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral("SELECT rowid, type, name, tbl_name, sql FROM sqlite_master "
                       "ORDER BY name COLLATE NOCASE"));
    QHash<QString, CatalogOid> tableOids;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        const QString type = row.text(1);
        if (type == QLatin1String("table") || type == QLatin1String("view"))
            tableOids.insert(row.text(2).toLower(), row.oid(0));
    }
    QSet<CatalogOid> shown;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        const QString type = row.text(1);
        const QString name = row.text(2);
        if (type != QLatin1String("table") && type != QLatin1String("view"))
            continue;
        if ((!scope.includeSystem && isSystemName(name)) || !scope.filter.matches(name))
            continue;
        CatalogRelation relation;
        relation.oid = row.oid(0);
        relation.schemaOid = MainSchemaOid;
        relation.schema = QStringLiteral("main");
        relation.name = name;
        relation.kind = type == QLatin1String("view") ? CatalogRelation::Kind::View
                                                      : CatalogRelation::Kind::Table;
        relation.sql = row.text(4);
        catalog.relations.append(relation);
        shown.insert(relation.oid);
    }
    // Indexes and triggers of the tables listed above; their definitions come in the same read.
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        const QString type = row.text(1);
        const CatalogOid table = tableOids.value(row.text(3).toLower());
        if (!shown.contains(table))
            continue;
        if (type == QLatin1String("index")) {
            CatalogIndex index;
            index.oid = row.oid(0);
            index.relationOid = table;
            index.name = row.text(2);
            index.definition = row.text(4); // NULL for indexes behind PRIMARY KEY / UNIQUE
            catalog.indexes.append(index);
        } else if (type == QLatin1String("trigger")) {
            CatalogTrigger trigger;
            trigger.oid = row.oid(0);
            trigger.relationOid = table;
            trigger.name = row.text(2);
            trigger.definition = row.text(4);
            catalog.triggers.append(trigger);
        }
    }
}

void SqliteCatalogReader::readColumns(Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral("SELECT m.rowid, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, "
                       "p.hidden FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p "
                       "WHERE m.type IN ('table', 'view') ORDER BY m.rowid, p.cid"));
    QSet<CatalogOid> listed;
    for (const CatalogRelation &relation : std::as_const(catalog.relations))
        listed.insert(relation.oid);
    // Primary key columns in key order, per table.
    QHash<CatalogOid, QMap<int, QString>> primaryKeys;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        if (!listed.contains(row.oid(0)))
            continue;
        CatalogColumn column;
        column.relationOid = row.oid(0);
        column.number = int(row.number(1)) + 1;
        column.name = row.text(2);
        column.type = row.text(3);
        column.notNull = row.flag(4);
        column.defaultExpression = row.text(5);
        const int pk = int(row.number(6));
        column.primaryKeyPart = pk > 0;
        const int hidden = int(row.number(7));
        column.generated = hidden == 3 ? 's' : hidden == 2 ? 'v' : 0;
        if (pk > 0)
            primaryKeys[column.relationOid].insert(pk, column.name);
        catalog.columns.append(column);
    }
    for (auto it = primaryKeys.cbegin(); it != primaryKeys.cend(); ++it) {
        CatalogConstraint constraint;
        constraint.relationOid = it.key();
        constraint.type = 'p';
        constraint.name = QStringLiteral("PRIMARY KEY");
        constraint.definition = QStringLiteral("PRIMARY KEY (%1)")
                                    .arg(quotedList(it.value().values()));
        catalog.constraints.append(constraint);
    }
}

void SqliteCatalogReader::readIndexes(Catalog &catalog)
{
    const RowBatch columns = m_connection.fetchAll(
        QStringLiteral("SELECT m.name, ii.seqno, ii.cid, ii.name FROM sqlite_master m "
                       "JOIN pragma_index_info(m.name) ii WHERE m.type = 'index' "
                       "ORDER BY m.name, ii.seqno"));
    QHash<QString, QStringList> columnNames;
    QHash<QString, QList<int>> columnNumbers;
    for (int r = 0; r < columns.rowCount(); ++r) {
        const CatalogRow row(columns, r);
        const QString index = row.text(0);
        // cid -2 is an expression, -1 the rowid.
        columnNames[index] << (row.isNull(3) ? QStringLiteral("<expression>") : row.text(3));
        columnNumbers[index] << (row.number(2) >= 0 ? int(row.number(2)) + 1 : 0);
    }
    const RowBatch list = m_connection.fetchAll(
        QStringLiteral("SELECT m.rowid, il.name, il.\"unique\", il.origin, il.partial "
                       "FROM sqlite_master m JOIN pragma_index_list(m.name) il "
                       "WHERE m.type = 'table'"));
    QHash<QString, int> byName;
    for (int i = 0; i < catalog.indexes.size(); ++i)
        byName.insert(catalog.indexes.at(i).name, i);
    for (int r = 0; r < list.rowCount(); ++r) {
        const CatalogRow row(list, r);
        const int at = byName.value(row.text(1), -1);
        if (at < 0)
            continue; // a table that is not listed, or WITHOUT ROWID's implicit key
        CatalogIndex &index = catalog.indexes[at];
        index.unique = row.flag(2);
        const QString origin = row.text(3); // c CREATE INDEX, u UNIQUE, pk PRIMARY KEY
        index.primary = origin == QLatin1String("pk");
        index.partial = row.flag(4);
        index.method = QStringLiteral("btree");
        index.columns = columnNumbers.value(index.name);
        index.hasExpressions = index.columns.contains(0);
        if (origin == QLatin1String("u")) {
            CatalogConstraint constraint;
            constraint.relationOid = index.relationOid;
            constraint.type = 'u';
            constraint.name = index.name;
            constraint.definition = QStringLiteral("UNIQUE (%1)")
                                        .arg(quotedList(columnNames.value(index.name)));
            catalog.constraints.append(constraint);
            index.constraintName = index.name;
        }
        if (index.definition.isEmpty()) {
            // Implicit indexes have no SQL of their own; describe what created them.
            index.definition = QStringLiteral("%1 (%2)").arg(index.primary
                                                                 ? QStringLiteral("PRIMARY KEY")
                                                                 : QStringLiteral("UNIQUE"),
                                                             quotedList(
                                                                 columnNames.value(index.name)));
        }
    }
}

void SqliteCatalogReader::readForeignKeys(Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral("SELECT m.rowid, m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", "
                       "f.on_update, f.on_delete FROM sqlite_master m "
                       "JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
                       "ORDER BY m.rowid, f.id, f.seq"));
    QSet<CatalogOid> listed;
    for (const CatalogRelation &relation : std::as_const(catalog.relations))
        listed.insert(relation.oid);
    struct Key
    {
        CatalogConstraint constraint;
        QStringList from;
        QStringList to;
    };
    QList<Key> keys;
    CatalogOid lastTable = 0;
    qint64 lastId = -1;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        if (!listed.contains(row.oid(0)))
            continue;
        if (row.oid(0) != lastTable || row.number(2) != lastId) {
            lastTable = row.oid(0);
            lastId = row.number(2);
            Key key;
            key.constraint.relationOid = lastTable;
            key.constraint.type = 'f';
            key.constraint.name = QStringLiteral("%1_fk%2").arg(row.text(1)).arg(lastId);
            key.constraint.referencedTable = row.text(4);
            key.constraint.onUpdate = actionCode(row.text(7));
            key.constraint.onDelete = actionCode(row.text(8));
            keys.append(key);
        }
        keys.last().from << row.text(5);
        // A NULL "to" means the referenced table's primary key.
        if (!row.isNull(6))
            keys.last().to << row.text(6);
    }
    for (Key &key : keys) {
        QString definition = QStringLiteral("FOREIGN KEY (%1) REFERENCES %2")
                                 .arg(quotedList(key.from),
                                      SqlIdentifier::quote(key.constraint.referencedTable));
        if (!key.to.isEmpty())
            definition += QStringLiteral("(%1)").arg(quotedList(key.to));
        key.constraint.definition = definition;
        catalog.constraints.append(key.constraint);
    }
}
