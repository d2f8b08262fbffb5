#include "schemacommand.h"

#include "db/pgconnection.h"
#include "db/sqliteconnection.h"
#include "schema/catalogreader.h"

#include <QCommandLineParser>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString relationKind(const CatalogRelation &relation)
{
    if (relation.isPartition)
        return QStringLiteral("partition");
    switch (relation.kind) {
    case CatalogRelation::Kind::PartitionedTable:
        return QStringLiteral("partitioned");
    case CatalogRelation::Kind::ForeignTable:
        return QStringLiteral("foreign");
    case CatalogRelation::Kind::View:
        return QStringLiteral("view");
    case CatalogRelation::Kind::MaterializedView:
        return QStringLiteral("materialized_view");
    case CatalogRelation::Kind::Sequence:
        return QStringLiteral("sequence");
    default:
        return QStringLiteral("table");
    }
}

QString routineKind(char kind)
{
    switch (kind) {
    case 'p':
        return QStringLiteral("procedure");
    case 'a':
        return QStringLiteral("aggregate");
    case 'w':
        return QStringLiteral("window");
    default:
        return QStringLiteral("function");
    }
}

QString typeKind(char kind)
{
    switch (kind) {
    case 'e':
        return QStringLiteral("enum");
    case 'c':
        return QStringLiteral("composite");
    case 'd':
        return QStringLiteral("domain");
    case 'r':
        return QStringLiteral("range");
    default:
        return QStringLiteral("base");
    }
}

QJsonValue nullable(const QString &text)
{
    return text.isNull() ? QJsonValue() : QJsonValue(text);
}

// The parts of each relation, found once instead of a scan per relation.
struct PartIndex
{
    QHash<CatalogOid, QList<const CatalogColumn *>> columns;
    QHash<CatalogOid, QList<const CatalogConstraint *>> constraints;
    QHash<CatalogOid, QList<const CatalogIndex *>> indexes;
    QHash<CatalogOid, QList<const CatalogTrigger *>> triggers;

    explicit PartIndex(const Catalog &catalog)
    {
        for (const CatalogColumn &c : catalog.columns)
            columns[c.relationOid].append(&c);
        for (const CatalogConstraint &c : catalog.constraints)
            constraints[c.relationOid].append(&c);
        for (const CatalogIndex &i : catalog.indexes)
            indexes[i.relationOid].append(&i);
        for (const CatalogTrigger &t : catalog.triggers)
            triggers[t.relationOid].append(&t);
    }
};

QJsonArray columnsJson(const QList<const CatalogColumn *> &columns)
{
    QJsonArray array;
    for (const CatalogColumn *c : columns) {
        QJsonObject column{{QStringLiteral("name"), c->name},
                           {QStringLiteral("type"), c->type},
                           {QStringLiteral("nullable"), !c->notNull},
                           {QStringLiteral("default"),
                            c->generated ? QJsonValue() : nullable(c->defaultExpression)}};
        if (c->identity)
            column.insert(QStringLiteral("identity"),
                          c->identity == 'a' ? QStringLiteral("always")
                                             : QStringLiteral("by default"));
        if (c->generated)
            column.insert(QStringLiteral("generated"), c->defaultExpression);
        if (!c->collation.isEmpty())
            column.insert(QStringLiteral("collation"), c->collation);
        if (!c->comment.isEmpty())
            column.insert(QStringLiteral("comment"), c->comment);
        array.append(column);
    }
    return array;
}

QJsonObject relationJson(const CatalogRelation &relation, const PartIndex &parts)
{
    QJsonObject object{{QStringLiteral("name"), relation.name},
                       {QStringLiteral("kind"), relationKind(relation)},
                       {QStringLiteral("columns"), columnsJson(parts.columns.value(relation.oid))}};
    if (relation.isPartition) {
        object.insert(QStringLiteral("parent"), relation.parentSchema + u'.' + relation.parentName);
        object.insert(QStringLiteral("bound"), relation.partitionBound);
    }
    if (!relation.partitionKey.isEmpty())
        object.insert(QStringLiteral("partition_key"), relation.partitionKey);
    if (!relation.foreignServer.isEmpty())
        object.insert(QStringLiteral("server"), relation.foreignServer);
    if (!relation.comment.isEmpty())
        object.insert(QStringLiteral("comment"), relation.comment);
    if (relation.estimatedRows >= 0 && relation.isTableLike()) {
        object.insert(QStringLiteral("estimated_rows"), relation.estimatedRows);
        if (relation.kind == CatalogRelation::Kind::PartitionedTable)
            object.insert(QStringLiteral("estimated_rows_source"),
                          QStringLiteral("sum_of_partitions"));
    }
    QJsonArray indexes;
    for (const CatalogIndex *i : parts.indexes.value(relation.oid)) {
        QJsonObject index{{QStringLiteral("name"), i->name},
                          {QStringLiteral("definition"), i->definition},
                          {QStringLiteral("unique"), i->unique},
                          {QStringLiteral("valid"), i->valid},
                          {QStringLiteral("partial"), i->partial}};
        if (i->sizeBytes >= 0)
            index.insert(QStringLiteral("size_bytes"), i->sizeBytes);
        if (i->scans >= 0)
            index.insert(QStringLiteral("scans"), i->scans);
        indexes.append(index);
    }
    QJsonArray constraints;
    for (const CatalogConstraint *c : parts.constraints.value(relation.oid)) {
        constraints.append(QJsonObject{{QStringLiteral("name"), c->name},
                                       {QStringLiteral("type"), QString(QLatin1Char(c->type))},
                                       {QStringLiteral("definition"), c->definition},
                                       {QStringLiteral("validated"), c->validated}});
    }
    QJsonArray triggers;
    for (const CatalogTrigger *t : parts.triggers.value(relation.oid)) {
        triggers.append(QJsonObject{{QStringLiteral("name"), t->name},
                                    {QStringLiteral("definition"), t->definition},
                                    {QStringLiteral("enabled"), t->enabled != 'D'}});
    }
    if (relation.kind != CatalogRelation::Kind::View) {
        object.insert(QStringLiteral("indexes"), indexes);
        object.insert(QStringLiteral("constraints"), constraints);
        object.insert(QStringLiteral("triggers"), triggers);
    }
    return object;
}

} // namespace

QString SchemaCommand::summary() const
{
    return tr("print the schema (--db CONNINFO | --sqlite FILE) [--schema NAME] [--json]");
}

int SchemaCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("db"), tr("PostgreSQL conninfo or URI"), QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("sqlite"), tr("SQLite database file"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("schema"), tr("only this schema"), QStringLiteral("name")});
    parser.addOption({QStringLiteral("filter"),
                      tr("only objects whose name contains TEXT (or matches a glob with * and ?)"),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("system"), tr("include pg_catalog and information_schema")});
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (parser.isSet(QStringLiteral("db")) == parser.isSet(QStringLiteral("sqlite")))
        return usageError(tr("give either --db CONNINFO or --sqlite FILE"));

    std::unique_ptr<Connection> connection;
    if (parser.isSet(QStringLiteral("db")))
        connection = std::make_unique<PgConnection>(parser.value(QStringLiteral("db")));
    else
        connection = std::make_unique<SqliteConnection>(parser.value(QStringLiteral("sqlite")));
    try {
        connection->open();
    } catch (const DbException &e) {
        return usageError(tr("could not connect: %1").arg(e.error().toDisplayString()));
    }

    Catalog catalog;
    try {
        const CatalogScope scope = CatalogScope::everything(parser.isSet(QStringLiteral("system")),
                                                            NameFilter(parser.value(
                                                                QStringLiteral("filter"))));
        catalog = CatalogReader::create(*connection)->readEverything(scope);
    } catch (const DbException &e) {
        return failure(e.error().toDisplayString());
    }

    if (parser.isSet(QStringLiteral("schema"))) {
        const QString wanted = parser.value(QStringLiteral("schema"));
        QStringList known;
        QList<CatalogSchema> kept;
        for (const CatalogSchema &schema : std::as_const(catalog.schemas)) {
            known << schema.name;
            if (schema.name == wanted)
                kept << schema;
        }
        if (kept.isEmpty())
            return usageError(tr("schema \"%1\" not found; the database has: %2")
                                  .arg(wanted, known.join(QStringLiteral(", "))));
        catalog.schemas = kept;
    }

    if (parser.isSet(QStringLiteral("json")))
        m_out << QJsonDocument(toJson(catalog)).toJson(QJsonDocument::Indented);
    else
        printText(catalog);
    m_out.flush();
    return Ok;
}

QJsonObject SchemaCommand::toJson(const Catalog &catalog)
{
    const PartIndex parts(catalog);
    QJsonArray schemas;
    for (const CatalogSchema &schema : catalog.schemas) {
        QJsonArray tables, views, materialized, sequences, functions, types;
        for (const CatalogRelation &relation : catalog.relations) {
            if (relation.schemaOid != schema.oid)
                continue;
            switch (relation.kind) {
            case CatalogRelation::Kind::View:
                views.append(relationJson(relation, parts));
                break;
            case CatalogRelation::Kind::MaterializedView:
                materialized.append(relationJson(relation, parts));
                break;
            case CatalogRelation::Kind::Sequence: {
                QJsonObject sequence{{QStringLiteral("name"), relation.name},
                                     {QStringLiteral("type"), relation.sequenceType},
                                     {QStringLiteral("start"), relation.sequenceStart},
                                     {QStringLiteral("increment"), relation.sequenceIncrement}};
                if (relation.ownerDependency)
                    sequence.insert(QStringLiteral("owned_by"),
                                    relation.ownedByTable + u'.' + relation.ownedByColumn);
                sequences.append(sequence);
                break;
            }
            default:
                tables.append(relationJson(relation, parts));
                break;
            }
        }
        for (const CatalogRoutine &routine : catalog.routines) {
            if (routine.schemaOid != schema.oid)
                continue;
            QJsonObject function{{QStringLiteral("name"), routine.name},
                                 {QStringLiteral("signature"), routine.signature()},
                                 {QStringLiteral("kind"), routineKind(routine.kind)},
                                 {QStringLiteral("language"), routine.language}};
            if (!routine.result.isEmpty())
                function.insert(QStringLiteral("returns"), routine.result);
            functions.append(function);
        }
        for (const CatalogType &type : catalog.types) {
            if (type.schemaOid != schema.oid)
                continue;
            QJsonObject object{{QStringLiteral("name"), type.name},
                               {QStringLiteral("kind"), typeKind(type.kind)}};
            if (type.kind == 'e')
                object.insert(QStringLiteral("values"), QJsonArray::fromStringList(type.enumLabels));
            if (type.kind == 'd')
                object.insert(QStringLiteral("base_type"), type.baseType);
            types.append(object);
        }
        schemas.append(QJsonObject{{QStringLiteral("name"), schema.name},
                                   {QStringLiteral("tables"), tables},
                                   {QStringLiteral("views"), views},
                                   {QStringLiteral("materialized_views"), materialized},
                                   {QStringLiteral("sequences"), sequences},
                                   {QStringLiteral("functions"), functions},
                                   {QStringLiteral("types"), types}});
    }
    QJsonArray extensions;
    for (const CatalogExtension &extension : catalog.extensions)
        extensions.append(QJsonObject{{QStringLiteral("name"), extension.name},
                                      {QStringLiteral("version"), extension.version},
                                      {QStringLiteral("schema"), extension.schema}});
    return QJsonObject{{QStringLiteral("schemas"), schemas},
                       {QStringLiteral("extensions"), extensions}};
}

void SchemaCommand::printText(const Catalog &catalog)
{
    const PartIndex parts(catalog);
    for (const CatalogSchema &schema : catalog.schemas) {
        m_out << schema.name << '\n';
        for (const CatalogRelation &relation : catalog.relations) {
            if (relation.schemaOid != schema.oid)
                continue;
            m_out << "  " << relationKind(relation) << ' ' << relation.name;
            if (relation.isPartition)
                m_out << "  (" << relation.parentName << ' ' << relation.partitionBound << ')';
            m_out << '\n';
            for (const CatalogColumn *c : parts.columns.value(relation.oid)) {
                m_out << "    " << c->name << ' ' << c->type;
                if (c->notNull)
                    m_out << " NOT NULL";
                if (!c->defaultExpression.isEmpty() && !c->generated)
                    m_out << " DEFAULT " << c->defaultExpression;
                m_out << '\n';
            }
            for (const CatalogConstraint *c : parts.constraints.value(relation.oid))
                m_out << "    constraint " << c->name << ' ' << c->definition << '\n';
            for (const CatalogIndex *i : parts.indexes.value(relation.oid))
                m_out << "    index " << i->definition << (i->valid ? "" : " INVALID") << '\n';
            for (const CatalogTrigger *t : parts.triggers.value(relation.oid))
                m_out << "    trigger " << t->name << '\n';
        }
        for (const CatalogRoutine &routine : catalog.routines) {
            if (routine.schemaOid == schema.oid)
                m_out << "  " << routineKind(routine.kind) << ' ' << routine.signature() << '\n';
        }
        for (const CatalogType &type : catalog.types) {
            if (type.schemaOid == schema.oid)
                m_out << "  type " << type.name << " (" << typeKind(type.kind) << ")\n";
        }
    }
    for (const CatalogExtension &extension : catalog.extensions)
        m_out << "extension " << extension.name << ' ' << extension.version << '\n';
}
