#include "pgcatalogreader.h"

#include "catalogrow.h"
#include "pgcatalogqueries.h"
#include "pgreadsnapshot.h"

#include "db/connection.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QStringList jsonStrings(const QString &json)
{
    QStringList list;
    if (json.isEmpty())
        return list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array)
        list << value.toString();
    return list;
}

QList<QPair<QString, QString>> jsonPairs(const QString &json)
{
    QList<QPair<QString, QString>> list;
    if (json.isEmpty())
        return list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonArray pair = value.toArray();
        list.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return list;
}

} // namespace

PgCatalogReader::PgCatalogReader(Connection &connection)
    : m_connection(connection)
{}

int PgCatalogReader::serverVersion() const
{
    return m_connection.serverInfo().versionNumber;
}

QList<CatalogSchema> PgCatalogReader::readSchemas(const CatalogScope &scope)
{
    return querySchemas(PgCatalogQueries(serverVersion()).schemas(scope));
}

QList<CatalogExtension> PgCatalogReader::readExtensions()
{
    return queryExtensions(PgCatalogQueries(serverVersion()).extensions());
}

Catalog PgCatalogReader::readSchemaObjects(const CatalogScope &scope)
{
    const PgCatalogQueries queries(serverVersion());
    PgReadSnapshot snapshot(m_connection);
    Catalog catalog;
    readRelations(queries.relations(scope), catalog);
    readRoutines(queries.routines(scope), catalog);
    readTypes(queries.types(scope), catalog);
    return catalog;
}

Catalog PgCatalogReader::readRelationParts(const QList<CatalogOid> &relations)
{
    const PgCatalogQueries queries(serverVersion());
    const CatalogScope scope = CatalogScope::relations(relations);
    PgReadSnapshot snapshot(m_connection);
    Catalog catalog;
    readColumns(queries.columns(scope), catalog);
    readConstraints(queries.constraints(scope), catalog);
    readIndexes(queries.indexes(scope), catalog);
    readTriggers(queries.triggers(scope), catalog);
    readRelations(queries.relations(scope), catalog);
    readPolicies(queries.policies(scope), catalog);
    readPrivileges(queries.privileges(scope), catalog);
    return catalog;
}

Catalog PgCatalogReader::readEverything(const CatalogScope &scope)
{
    const PgCatalogQueries queries(serverVersion());
    PgReadSnapshot snapshot(m_connection);
    Catalog catalog;
    catalog.schemas = querySchemas(queries.schemas(scope));
    readRelations(queries.relations(scope), catalog);
    readColumns(queries.columns(scope), catalog);
    readConstraints(queries.constraints(scope), catalog);
    readIndexes(queries.indexes(scope), catalog);
    readTriggers(queries.triggers(scope), catalog);
    readRoutines(queries.routines(scope), catalog);
    readTypes(queries.types(scope), catalog);
    catalog.extensions = queryExtensions(queries.extensions());
    return catalog;
}

QList<CatalogRelation> PgCatalogReader::readRelationsByOid(const QList<CatalogOid> &oids)
{
    Catalog catalog;
    readRelations(PgCatalogQueries(serverVersion()).relationsByOid(oids), catalog);
    return catalog.relations;
}

QList<CatalogRelation> PgCatalogReader::readOwnedSequences(const QList<CatalogOid> &tables)
{
    Catalog catalog;
    readRelations(PgCatalogQueries(serverVersion()).ownedSequences(tables), catalog);
    return catalog.relations;
}

QList<CatalogType> PgCatalogReader::readTypesByOid(const QList<CatalogOid> &oids)
{
    Catalog catalog;
    readTypes(PgCatalogQueries(serverVersion()).typesByOid(oids), catalog);
    return catalog.types;
}

QList<CatalogSchema> PgCatalogReader::querySchemas(const QString &sql)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    QList<CatalogSchema> schemas;
    schemas.reserve(rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogSchema schema;
        schema.oid = row.oid(0);
        schema.name = row.text(1);
        schema.owner = row.text(2);
        schema.comment = row.text(3);
        schema.system = row.flag(4);
        schema.tableCount = int(row.number(5));
        schemas.append(schema);
    }
    return schemas;
}

QList<CatalogExtension> PgCatalogReader::queryExtensions(const QString &sql)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    QList<CatalogExtension> extensions;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        extensions.append({row.oid(0), row.text(1), row.text(2), row.text(3), row.text(4)});
    }
    return extensions;
}

void PgCatalogReader::readRelations(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    catalog.relations.reserve(catalog.relations.size() + rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogRelation relation;
        relation.oid = row.oid(0);
        relation.schemaOid = row.oid(1);
        relation.schema = row.text(2);
        relation.name = row.text(3);
        relation.kind = CatalogRelation::Kind(row.code(4));
        relation.isPartition = row.flag(5);
        relation.parentOid = row.oid(6);
        relation.parentSchema = row.text(7);
        relation.parentName = row.text(8);
        relation.partitionBound = row.text(9);
        relation.partitionKey = row.text(10);
        relation.owner = row.text(11);
        relation.comment = row.text(12);
        relation.estimatedRows = row.number(13);
        relation.persistence = row.code(14);
        relation.options = jsonStrings(row.text(15));
        relation.foreignServer = row.text(16);
        relation.foreignOptions = jsonStrings(row.text(17));
        if (relation.kind == CatalogRelation::Kind::Sequence) {
            relation.sequenceType = row.text(18);
            relation.sequenceStart = row.number(19);
            relation.sequenceIncrement = row.number(20);
            relation.sequenceMin = row.number(21);
            relation.sequenceMax = row.number(22);
            relation.sequenceCache = row.number(23);
            relation.sequenceCycle = row.flag(24);
            relation.ownerDependency = row.code(25);
            relation.ownedBySchema = row.text(26);
            relation.ownedByTable = row.text(27);
            relation.ownedByColumn = row.text(28);
        }
        relation.inheritsFrom = jsonPairs(row.text(29));
        relation.rowSecurity = row.flag(30);
        relation.forceRowSecurity = row.flag(31);
        relation.hasAcl = row.flag(32);
        catalog.relations.append(std::move(relation));
    }
}

void PgCatalogReader::readColumns(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    catalog.columns.reserve(catalog.columns.size() + rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogColumn column;
        column.relationOid = row.oid(0);
        column.number = int(row.number(1));
        column.name = row.text(2);
        column.type = row.text(3);
        column.notNull = row.flag(4);
        column.defaultExpression = row.text(5);
        column.identity = row.code(6);
        column.generated = row.code(7);
        column.collationSchema = row.text(8);
        column.collation = row.text(9);
        column.comment = row.text(10);
        column.isLocal = row.flag(11);
        column.inheritCount = int(row.number(12));
        column.parentNotNull = row.flag(13);
        column.parentDefault = row.text(14);
        catalog.columns.append(std::move(column));
    }
}

void PgCatalogReader::readConstraints(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    catalog.constraints.reserve(catalog.constraints.size() + rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogConstraint constraint;
        constraint.oid = row.oid(0);
        constraint.relationOid = row.oid(1);
        constraint.name = row.text(2);
        constraint.type = row.code(3);
        constraint.definition = row.text(4);
        constraint.validated = row.flag(5);
        constraint.inherited = row.flag(6);
        constraint.referencedSchema = row.text(7);
        constraint.referencedTable = row.text(8);
        constraint.columns = row.numbers(9);
        constraint.onUpdate = row.code(10);
        constraint.onDelete = row.code(11);
        constraint.deferrable = row.flag(12);
        constraint.deferred = row.flag(13);
        constraint.indexOid = row.oid(14);
        constraint.comment = row.text(15);
        catalog.constraints.append(std::move(constraint));
    }
}

void PgCatalogReader::readIndexes(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    catalog.indexes.reserve(catalog.indexes.size() + rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogIndex index;
        index.oid = row.oid(0);
        index.relationOid = row.oid(1);
        index.name = row.text(2);
        index.definition = row.text(3);
        index.unique = row.flag(4);
        index.primary = row.flag(5);
        index.valid = row.flag(6);
        index.partial = row.flag(7);
        index.hasExpressions = row.flag(8);
        index.method = row.text(9);
        index.sizeBytes = row.number(10);
        index.scans = row.number(11);
        index.constraintName = row.text(12);
        index.inherited = row.flag(13);
        index.columns = row.numbers(14);
        index.comment = row.text(15);
        catalog.indexes.append(std::move(index));
    }
}

void PgCatalogReader::readTriggers(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogTrigger trigger;
        trigger.oid = row.oid(0);
        trigger.relationOid = row.oid(1);
        trigger.name = row.text(2);
        trigger.definition = row.text(3);
        trigger.enabled = row.code(4);
        trigger.functionSchema = row.text(5);
        trigger.function = row.text(6);
        trigger.inherited = row.flag(7);
        trigger.comment = row.text(8);
        catalog.triggers.append(std::move(trigger));
    }
}

void PgCatalogReader::readPolicies(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogPolicy policy;
        policy.oid = row.oid(0);
        policy.relationOid = row.oid(1);
        policy.name = row.text(2);
        policy.permissive = row.flag(3);
        policy.command = row.code(4);
        policy.roles = jsonStrings(row.text(5));
        policy.usingExpression = row.text(6);
        policy.checkExpression = row.text(7);
        policy.comment = row.text(8);
        catalog.policies.append(std::move(policy));
    }
}

void PgCatalogReader::readPrivileges(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogPrivilege privilege;
        privilege.relationOid = row.oid(0);
        privilege.column = row.text(1);
        privilege.grantee = row.text(2);
        privilege.grantor = row.text(3);
        privilege.privilege = row.text(4);
        privilege.grantable = row.flag(5);
        catalog.privileges.append(std::move(privilege));
    }
}

void PgCatalogReader::readRoutines(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    catalog.routines.reserve(catalog.routines.size() + rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogRoutine routine;
        routine.oid = row.oid(0);
        routine.schemaOid = row.oid(1);
        routine.schema = row.text(2);
        routine.name = row.text(3);
        routine.arguments = row.text(4);
        routine.result = row.text(5);
        routine.kind = row.code(6);
        routine.language = row.text(7);
        routine.owner = row.text(8);
        routine.comment = row.text(9);
        catalog.routines.append(std::move(routine));
    }
}

void PgCatalogReader::readTypes(const QString &sql, Catalog &catalog)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    for (int r = 0; r < rows.rowCount(); ++r) {
        const CatalogRow row(rows, r);
        CatalogType type;
        type.oid = row.oid(0);
        type.schemaOid = row.oid(1);
        type.schema = row.text(2);
        type.name = row.text(3);
        type.kind = row.code(4);
        type.baseType = row.text(5);
        type.notNull = row.flag(6);
        type.defaultExpression = row.text(7);
        type.enumLabels = jsonStrings(row.text(8));
        type.constraints = jsonPairs(row.text(9));
        type.attributes = jsonPairs(row.text(10));
        type.rangeSubtype = row.text(11);
        type.owner = row.text(12);
        type.comment = row.text(13);
        catalog.types.append(std::move(type));
    }
}
