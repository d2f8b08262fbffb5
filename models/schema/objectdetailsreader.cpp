#include "objectdetailsreader.h"

#include "pgddlreader.h"
#include "pgobjectinspector.h"
#include "pgreadsnapshot.h"
#include "sqlidentifier.h"
#include "sqlitecatalogreader.h"

#include "db/connection.h"

ObjectDetails ObjectDetailsReader::read(Connection &connection, const ObjectRef &object)
{
    if (connection.engine() == Connection::Engine::SQLite)
        return readSqlite(connection, object);
    PgReadSnapshot snapshot(connection);
    ObjectDetails details;
    details.ddl = PgDdlReader(connection).ddl(object);
    PgObjectInspector inspector(connection);
    details.properties = inspector.properties(object);
    details.statistics = inspector.statistics(object);
    inspector.dependencies(object, &details.dependencies, &details.dependents);
    return details;
}

QString ObjectDetailsReader::ddl(Connection &connection, const ObjectRef &object)
{
    if (connection.engine() == Connection::Engine::SQLite)
        return readSqlite(connection, object).ddl;
    return PgDdlReader(connection).ddl(object);
}

ObjectDetails ObjectDetailsReader::readSqlite(Connection &connection, const ObjectRef &object)
{
    // SQLite keeps each object's CREATE statement; columns and keys come from its catalog.
    ObjectDetails details;
    const Catalog catalog = SqliteCatalogReader(connection)
                                .readEverything(CatalogScope::everything(true));
    const CatalogOid relation = object.relationOid ? object.relationOid : object.oid;
    for (const CatalogRelation &r : catalog.relations) {
        if (r.oid == object.oid) {
            details.ddl = r.sql.trimmed() + u';';
            details.properties = {{tr("Name"), r.name},
                                  {tr("Kind"),
                                   r.kind == CatalogRelation::Kind::View ? tr("view")
                                                                         : tr("table")}};
        }
    }
    for (const CatalogIndex &i : catalog.indexes) {
        if (object.kind == SchemaNode::Kind::Index && i.oid == object.oid) {
            details.ddl = i.definition.startsWith(QLatin1String("CREATE"))
                              ? i.definition + u';'
                              : QStringLiteral("-- ") + i.definition;
            details.properties = {{tr("Name"), i.name},
                                  {tr("Unique"), i.unique ? tr("yes") : tr("no")},
                                  {tr("Partial"), i.partial ? tr("yes") : tr("no")}};
        }
    }
    for (const CatalogTrigger &t : catalog.triggers) {
        if (object.kind == SchemaNode::Kind::Trigger && t.oid == object.oid) {
            details.ddl = t.definition + u';';
            details.properties = {{tr("Name"), t.name}};
        }
    }
    for (const CatalogColumn &c : catalog.columns) {
        if (object.kind == SchemaNode::Kind::Column && c.relationOid == relation
            && c.number == object.subId) {
            details.ddl = QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 %3;")
                              .arg(SqlIdentifier::quote(object.relationName),
                                   SqlIdentifier::quote(c.name),
                                   c.type);
            details.properties = {{tr("Name"), c.name},
                                  {tr("Declared type"), c.type},
                                  {tr("Nullable"), c.notNull ? tr("no") : tr("yes")},
                                  {tr("Default"), c.defaultExpression},
                                  {tr("Primary key"), c.primaryKeyPart ? tr("yes") : tr("no")}};
        }
    }
    for (const CatalogConstraint &c : catalog.constraints) {
        if (object.kind == SchemaNode::Kind::Constraint && c.relationOid == relation
            && c.name == object.name) {
            details.ddl = QStringLiteral("-- ") + c.definition;
            details.properties = {{tr("Name"), c.name}, {tr("Definition"), c.definition}};
        }
    }
    return details;
}
