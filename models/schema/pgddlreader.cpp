#include "pgddlreader.h"

#include "pgcatalogreader.h"
#include "pgreadsnapshot.h"
#include "sqlidentifier.h"

#include "db/connection.h"

namespace {

using Kind = SchemaNode::Kind;

DbException notFound(const ObjectRef &object)
{
    return DbException(DbError::clientError(
        QCoreApplication::translate("PgDdlReader", "%1 no longer exists; refresh the tree.")
            .arg(SqlIdentifier::qualified(object.schema, object.name))));
}

QString joined(const QStringList &parts)
{
    QStringList kept = parts;
    kept.removeAll(QString());
    return kept.join(QStringLiteral("\n\n"));
}

} // namespace

PgDdlReader::PgDdlReader(Connection &connection)
    : m_connection(connection)
{}

TableDdl PgDdlReader::tableDdl(CatalogOid table)
{
    PgReadSnapshot snapshot(m_connection);
    PgCatalogReader reader(m_connection);
    const QList<CatalogRelation> relations = reader.readRelationsByOid({table});
    if (relations.isEmpty())
        throw DbException(DbError::clientError(tr("Table %1 no longer exists.").arg(table)));
    const Catalog parts = reader.readRelationParts({table});
    return DdlBuilder::table(relations.first(), parts, reader.readOwnedSequences({table}));
}

QString PgDdlReader::ddl(const ObjectRef &object)
{
    PgReadSnapshot snapshot(m_connection);
    PgCatalogReader reader(m_connection);
    switch (object.kind) {
    case Kind::Table:
    case Kind::PartitionedTable:
    case Kind::ForeignTable:
        return tableDdl(object.oid).text();
    case Kind::View:
    case Kind::MaterializedView: {
        const QList<CatalogRelation> relations = reader.readRelationsByOid({object.oid});
        if (relations.isEmpty())
            throw notFound(object);
        const QString definition
            = m_connection
                  .fetchAll(QStringLiteral("SELECT pg_get_viewdef(%1, true)").arg(object.oid))
                  .text(0, 0);
        if (object.kind == Kind::View)
            return DdlBuilder::view(relations.first(), definition);
        return DdlBuilder::materializedView(relations.first(),
                                            definition,
                                            reader.readRelationParts({object.oid}).indexes);
    }
    case Kind::Sequence: {
        const QList<CatalogRelation> relations = reader.readRelationsByOid({object.oid});
        if (relations.isEmpty())
            throw notFound(object);
        return DdlBuilder::sequence(relations.first());
    }
    case Kind::Type: {
        const QList<CatalogType> types = reader.readTypesByOid({object.oid});
        if (types.isEmpty())
            throw notFound(object);
        return DdlBuilder::type(types.first());
    }
    case Kind::Function:
    case Kind::Procedure:
        return routineDdl(object);
    case Kind::Aggregate:
        return aggregateDdl(object);
    case Kind::Column:
    case Kind::Constraint:
    case Kind::Index:
    case Kind::Trigger:
        return partDdl(object);
    case Kind::Schema: {
        for (const CatalogSchema &schema : reader.readSchemas(CatalogScope::everything(true))) {
            if (schema.oid == object.oid)
                return DdlBuilder::schema(schema);
        }
        throw notFound(object);
    }
    case Kind::Extension:
        for (const CatalogExtension &extension : reader.readExtensions()) {
            if (extension.oid == object.oid)
                return DdlBuilder::extension(extension);
        }
        throw notFound(object);
    default:
        return {};
    }
}

QString PgDdlReader::routineDdl(const ObjectRef &object)
{
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral("SELECT pg_get_functiondef(p.oid), p.oid::regprocedure::text, "
                       "obj_description(p.oid, 'pg_proc') FROM pg_proc p WHERE p.oid = %1")
            .arg(object.oid));
    if (rows.rowCount() == 0)
        throw notFound(object);
    const QString keyword = object.kind == Kind::Procedure ? QStringLiteral("PROCEDURE")
                                                           : QStringLiteral("FUNCTION");
    return joined({rows.text(0, 0).trimmed() + u';',
                   DdlBuilder::comment(keyword, rows.text(0, 1), rows.text(0, 2))});
}

QString PgDdlReader::aggregateDdl(const ObjectRef &object)
{
    // pg_get_functiondef() refuses aggregates; their definition lives in pg_aggregate.
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral("SELECT p.oid::regprocedure::text, pg_get_function_arguments(p.oid),"
                       " a.aggtransfn::regproc::text, format_type(a.aggtranstype, NULL),"
                       " nullif(a.aggfinalfn, 0)::regproc::text, a.agginitval,"
                       " nullif(a.aggcombinefn, 0)::regproc::text, a.aggkind,"
                       " obj_description(p.oid, 'pg_proc')"
                       " FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid WHERE p.oid = %1")
            .arg(object.oid));
    if (rows.rowCount() == 0)
        throw notFound(object);
    const QString signature = rows.text(0, 0);
    if (rows.text(0, 7) != QLatin1String("n"))
        return tr("-- %1 is an ordered-set or hypothetical-set aggregate.").arg(signature);
    QStringList options{QStringLiteral("SFUNC = ") + rows.text(0, 2),
                        QStringLiteral("STYPE = ") + rows.text(0, 3)};
    if (!rows.isNull(0, 4))
        options << QStringLiteral("FINALFUNC = ") + rows.text(0, 4);
    if (!rows.isNull(0, 6))
        options << QStringLiteral("COMBINEFUNC = ") + rows.text(0, 6);
    if (!rows.isNull(0, 5))
        options << QStringLiteral("INITCOND = ") + SqlIdentifier::literal(rows.text(0, 5));
    return joined({QStringLiteral("CREATE AGGREGATE %1 (%2) (\n    %3\n);")
                       .arg(SqlIdentifier::qualified(object.schema, object.name),
                            rows.text(0, 1),
                            options.join(QStringLiteral(",\n    "))),
                   DdlBuilder::comment(QStringLiteral("AGGREGATE"), signature, rows.text(0, 8))});
}

QString PgDdlReader::partDdl(const ObjectRef &object)
{
    PgCatalogReader reader(m_connection);
    const Catalog parts = reader.readRelationParts({object.relationOid});
    const QString table = object.qualifiedRelation();
    switch (object.kind) {
    case Kind::Column:
        for (const CatalogColumn &column : parts.columns) {
            if (column.number == object.subId)
                return joined({DdlBuilder::column(table, column),
                               DdlBuilder::comment(QStringLiteral("COLUMN"),
                                                   table + u'.' + SqlIdentifier::quote(column.name),
                                                   column.comment)});
        }
        break;
    case Kind::Constraint:
        for (const CatalogConstraint &constraint : parts.constraints) {
            if (constraint.oid == object.oid)
                return DdlBuilder::constraint(table, constraint);
        }
        break;
    case Kind::Index:
        for (const CatalogIndex &index : parts.indexes) {
            if (index.oid == object.oid)
                return joined(
                    {DdlBuilder::index(index),
                     DdlBuilder::comment(QStringLiteral("INDEX"),
                                         SqlIdentifier::qualified(object.schema, index.name),
                                         index.comment)});
        }
        break;
    case Kind::Trigger:
        for (const CatalogTrigger &trigger : parts.triggers) {
            if (trigger.oid == object.oid)
                return DdlBuilder::trigger(trigger);
        }
        break;
    default:
        break;
    }
    throw notFound(object);
}
