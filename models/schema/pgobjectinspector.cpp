#include "pgobjectinspector.h"

#include "pgcatalogreader.h"
#include "pgpartitionstatistics.h"
#include "sqlidentifier.h"

#include "db/connection.h"

#include <QLocale>

namespace {

using Kind = SchemaNode::Kind;

QString catalogOf(Kind kind)
{
    switch (kind) {
    case Kind::Function:
    case Kind::Procedure:
    case Kind::Aggregate:
        return QStringLiteral("pg_proc");
    case Kind::Type:
        return QStringLiteral("pg_type");
    case Kind::Constraint:
        return QStringLiteral("pg_constraint");
    case Kind::Trigger:
        return QStringLiteral("pg_trigger");
    case Kind::Schema:
        return QStringLiteral("pg_namespace");
    case Kind::Extension:
        return QStringLiteral("pg_extension");
    default:
        return QStringLiteral("pg_class");
    }
}

QString dependencyType(char type)
{
    switch (type) {
    case 'n':
        return QCoreApplication::translate("PgObjectInspector", "normal");
    case 'a':
        return QCoreApplication::translate("PgObjectInspector", "automatic");
    case 'e':
    case 'x':
        return QCoreApplication::translate("PgObjectInspector", "extension");
    case 'P':
    case 'S':
        return QCoreApplication::translate("PgObjectInspector", "partition");
    default:
        return QString(QLatin1Char(type));
    }
}

QString action(char code)
{
    switch (code) {
    case 'r':
        return QStringLiteral("RESTRICT");
    case 'c':
        return QStringLiteral("CASCADE");
    case 'n':
        return QStringLiteral("SET NULL");
    case 'd':
        return QStringLiteral("SET DEFAULT");
    default:
        return QStringLiteral("NO ACTION");
    }
}

} // namespace

PgObjectInspector::PgObjectInspector(Connection &connection)
    : m_connection(connection)
{}

QString PgObjectInspector::yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}

QString PgObjectInspector::size(const QString &bytes)
{
    return bytes.isEmpty() ? QString() : QLocale().formattedDataSize(bytes.toLongLong());
}

QString PgObjectInspector::count(const QString &number)
{
    return number.isEmpty() ? QString() : QLocale().toString(number.toLongLong());
}

ObjectDetails::Entries PgObjectInspector::labelled(const QString &sql,
                                                   const QStringList &labels,
                                                   const QString &none)
{
    const RowBatch rows = m_connection.fetchAll(sql);
    ObjectDetails::Entries entries;
    if (rows.rowCount() == 0)
        return entries;
    for (int c = 0; c < labels.size() && c < rows.columnCount(); ++c)
        entries.append({labels.at(c), rows.isNull(0, c) ? none : rows.text(0, c)});
    return entries;
}

ObjectDetails::Entries PgObjectInspector::properties(const ObjectRef &object)
{
    switch (object.kind) {
    case Kind::Table:
    case Kind::PartitionedTable:
    case Kind::ForeignTable:
    case Kind::View:
    case Kind::MaterializedView:
    case Kind::Sequence:
        return relationProperties(object);
    case Kind::Column:
    case Kind::Constraint:
    case Kind::Index:
    case Kind::Trigger:
        return partProperties(object);
    case Kind::Function:
    case Kind::Procedure:
    case Kind::Aggregate:
        return routineProperties(object);
    case Kind::Type:
        return typeProperties(object);
    case Kind::Schema:
        return labelled(QStringLiteral("SELECT n.nspname, pg_get_userbyid(n.nspowner),"
                                       " obj_description(n.oid, 'pg_namespace')"
                                       " FROM pg_namespace n WHERE n.oid = %1")
                            .arg(object.oid),
                        {tr("Name"), tr("Owner"), tr("Comment")},
                        QString());
    case Kind::Extension:
        return labelled(QStringLiteral(
                            "SELECT e.extname, e.extversion, a.default_version, n.nspname,"
                            " obj_description(e.oid, 'pg_extension') FROM pg_extension e"
                            " JOIN pg_namespace n ON n.oid = e.extnamespace"
                            " LEFT JOIN pg_available_extensions a ON a.name = e.extname"
                            " WHERE e.oid = %1")
                            .arg(object.oid),
                        {tr("Name"),
                         tr("Installed version"),
                         tr("Available version"),
                         tr("Schema"),
                         tr("Comment")},
                        QString());
    default:
        return {};
    }
}

ObjectDetails::Entries PgObjectInspector::relationProperties(const ObjectRef &object)
{
    const QList<CatalogRelation> found = PgCatalogReader(m_connection)
                                             .readRelationsByOid({object.oid});
    if (found.isEmpty())
        return {};
    const CatalogRelation &r = found.first();
    ObjectDetails::Entries entries{{tr("Name"), SqlIdentifier::qualified(r.schema, r.name)},
                                   {tr("Owner"), r.owner}};
    if (r.kind == CatalogRelation::Kind::Sequence) {
        entries << ObjectDetails::Entries{{tr("Data type"), r.sequenceType},
                                          {tr("Start"), QString::number(r.sequenceStart)},
                                          {tr("Increment"), QString::number(r.sequenceIncrement)},
                                          {tr("Minimum"), QString::number(r.sequenceMin)},
                                          {tr("Maximum"), QString::number(r.sequenceMax)},
                                          {tr("Cache"), QString::number(r.sequenceCache)},
                                          {tr("Cycles"), yesNo(r.sequenceCycle)}};
        if (r.ownerDependency)
            entries.append({r.ownerDependency == 'i' ? tr("Identity of") : tr("Owned by"),
                            SqlIdentifier::qualified(r.ownedBySchema, r.ownedByTable) + u'.'
                                + SqlIdentifier::quote(r.ownedByColumn)});
    }
    if (r.isPartition) {
        entries.append({tr("Partition of"), SqlIdentifier::qualified(r.parentSchema, r.parentName)});
        entries.append({tr("Bound"), r.partitionBound});
    }
    if (!r.partitionKey.isEmpty())
        entries.append({tr("Partition key"), r.partitionKey});
    if (r.persistence == 'u')
        entries.append({tr("Persistence"), tr("unlogged")});
    if (!r.foreignServer.isEmpty())
        entries.append({tr("Foreign server"), r.foreignServer});
    if (!r.foreignOptions.isEmpty())
        entries.append({tr("Foreign options"), r.foreignOptions.join(QStringLiteral(", "))});
    if (!r.options.isEmpty())
        entries.append({tr("Storage options"), r.options.join(QStringLiteral(", "))});
    if (r.kind == CatalogRelation::Kind::PartitionedTable)
        entries.append(
            {tr("Estimated rows"),
             r.estimatedRows < 0
                 ? tr("no partition analyzed yet")
                 : tr("%1 (the sum of its partitions)").arg(QLocale().toString(r.estimatedRows))});
    else if (r.isTableLike() || r.kind == CatalogRelation::Kind::MaterializedView)
        entries.append(
            {tr("Estimated rows"),
             r.estimatedRows < 0 ? tr("never analyzed") : QLocale().toString(r.estimatedRows)});
    entries.append({tr("Comment"), r.comment});
    return entries;
}

ObjectDetails::Entries PgObjectInspector::partProperties(const ObjectRef &object)
{
    const Catalog parts = PgCatalogReader(m_connection).readRelationParts({object.relationOid});
    const QString table = object.qualifiedRelation();
    ObjectDetails::Entries entries;
    switch (object.kind) {
    case Kind::Column:
        for (const CatalogColumn &c : parts.columns) {
            if (c.number != object.subId)
                continue;
            entries = {{tr("Name"), c.name},
                       {tr("Table"), table},
                       {tr("Position"), QString::number(c.number)},
                       {tr("Data type"), c.type},
                       {tr("Nullable"), yesNo(!c.notNull)},
                       {c.generated ? tr("Generated as") : tr("Default"), c.defaultExpression},
                       {tr("Identity"),
                        c.identity == 'a'   ? tr("always")
                        : c.identity == 'd' ? tr("by default")
                                            : tr("no")},
                       {tr("Collation"), c.collation},
                       {tr("Comment"), c.comment}};
        }
        break;
    case Kind::Constraint:
        for (const CatalogConstraint &c : parts.constraints) {
            if (c.oid != object.oid)
                continue;
            entries = {{tr("Name"), c.name},
                       {tr("Table"), table},
                       {tr("Definition"), c.definition},
                       {tr("Validated"), yesNo(c.validated)},
                       {tr("Deferrable"), yesNo(c.deferrable)},
                       {tr("Initially deferred"), yesNo(c.deferred)}};
            if (c.type == 'f') {
                entries.append({tr("References"),
                                SqlIdentifier::qualified(c.referencedSchema, c.referencedTable)});
                entries.append({tr("On update"), action(c.onUpdate)});
                entries.append({tr("On delete"), action(c.onDelete)});
            }
            entries.append({tr("Inherited"), yesNo(c.inherited)});
            entries.append({tr("Comment"), c.comment});
        }
        break;
    case Kind::Index:
        for (const CatalogIndex &i : parts.indexes) {
            if (i.oid != object.oid)
                continue;
            entries = {{tr("Name"), SqlIdentifier::qualified(object.schema, i.name)},
                       {tr("Table"), table},
                       {tr("Definition"), i.definition},
                       {tr("Method"), i.method},
                       {tr("Unique"), yesNo(i.unique)},
                       {tr("Primary key"), yesNo(i.primary)},
                       {tr("Valid"), yesNo(i.valid)},
                       {tr("Partial"), yesNo(i.partial)},
                       {tr("Constraint"), i.constraintName},
                       {tr("Comment"), i.comment}};
        }
        break;
    case Kind::Trigger:
        for (const CatalogTrigger &t : parts.triggers) {
            if (t.oid != object.oid)
                continue;
            entries = {{tr("Name"), t.name},
                       {tr("Table"), table},
                       {tr("Definition"), t.definition},
                       {tr("Function"), SqlIdentifier::qualified(t.functionSchema, t.function)},
                       {tr("Enabled"),
                        t.enabled == 'D'   ? tr("no")
                        : t.enabled == 'R' ? tr("replica only")
                        : t.enabled == 'A' ? tr("always")
                                           : tr("yes")},
                       {tr("Comment"), t.comment}};
        }
        break;
    default:
        break;
    }
    return entries;
}

ObjectDetails::Entries PgObjectInspector::routineProperties(const ObjectRef &object)
{
    return labelled(
        QStringLiteral("SELECT p.oid::regprocedure::text, pg_get_function_result(p.oid), l.lanname,"
                       " CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'"
                       " WHEN 'a' THEN 'aggregate' ELSE 'window' END,"
                       " CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE'"
                       " ELSE 'VOLATILE' END, p.proisstrict, p.prosecdef,"
                       " pg_get_userbyid(p.proowner), obj_description(p.oid, 'pg_proc')"
                       " FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = %1")
            .arg(object.oid),
        {tr("Signature"),
         tr("Returns"),
         tr("Language"),
         tr("Kind"),
         tr("Volatility"),
         tr("Strict"),
         tr("Security definer"),
         tr("Owner"),
         tr("Comment")},
        QString());
}

ObjectDetails::Entries PgObjectInspector::typeProperties(const ObjectRef &object)
{
    const QList<CatalogType> found = PgCatalogReader(m_connection).readTypesByOid({object.oid});
    if (found.isEmpty())
        return {};
    const CatalogType &t = found.first();
    ObjectDetails::Entries entries{{tr("Name"), SqlIdentifier::qualified(t.schema, t.name)},
                                   {tr("Owner"), t.owner}};
    switch (t.kind) {
    case 'e':
        entries.append({tr("Values"), t.enumLabels.join(QStringLiteral(", "))});
        break;
    case 'd': {
        entries.append({tr("Base type"), t.baseType});
        entries.append({tr("Not null"), yesNo(t.notNull)});
        entries.append({tr("Default"), t.defaultExpression});
        QStringList checks;
        for (const auto &constraint : t.constraints)
            checks << constraint.first + QStringLiteral(": ") + constraint.second;
        entries.append({tr("Constraints"), checks.join(QStringLiteral("; "))});
        break;
    }
    case 'c': {
        QStringList attributes;
        for (const auto &attribute : t.attributes)
            attributes << attribute.first + u' ' + attribute.second;
        entries.append({tr("Attributes"), attributes.join(QStringLiteral(", "))});
        break;
    }
    case 'r':
        entries.append({tr("Subtype"), t.rangeSubtype});
        break;
    default:
        break;
    }
    entries.append({tr("Comment"), t.comment});
    return entries;
}

ObjectDetails::Entries PgObjectInspector::statistics(const ObjectRef &object)
{
    const QString never = tr("never");
    switch (object.kind) {
    case Kind::Table:
    case Kind::PartitionedTable:
    case Kind::MaterializedView:
        return tableStatistics(object);
    case Kind::Index: {
        ObjectDetails::Entries entries = labelled(
            QStringLiteral(
                "SELECT pg_relation_size(s.indexrelid), s.idx_scan, s.idx_tup_read, s.idx_tup_fetch"
                " FROM pg_stat_all_indexes s WHERE s.indexrelid = %1")
                .arg(object.oid),
            {tr("Size"), tr("Index scans"), tr("Index entries read"), tr("Rows fetched")},
            QString());
        if (!entries.isEmpty())
            entries[0].second = size(entries[0].second);
        for (int i = 1; i < entries.size(); ++i)
            entries[i].second = count(entries[i].second);
        return entries;
    }
    case Kind::Sequence:
        return labelled(
            QStringLiteral(
                "SELECT s.last_value FROM pg_sequences s"
                " JOIN pg_class c ON c.relname = s.sequencename"
                " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname"
                " WHERE c.oid = %1")
                .arg(object.oid),
            {tr("Last value")},
            tr("not used yet"));
    case Kind::Column:
        return labelled(
            QStringLiteral(
                "SELECT s.null_frac, s.avg_width, s.n_distinct, s.correlation"
                " FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename"
                " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname"
                " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = s.attname"
                " WHERE c.oid = %1 AND a.attnum = %2")
                .arg(object.relationOid)
                .arg(object.subId),
            {tr("Null fraction"),
             tr("Average width (bytes)"),
             tr("Distinct values"),
             tr("Correlation")},
            QString());
    case Kind::Function:
    case Kind::Procedure:
        return labelled(QStringLiteral(
                            "SELECT calls, total_time, self_time FROM pg_stat_user_functions"
                            " WHERE funcid = %1")
                            .arg(object.oid),
                        {tr("Calls"), tr("Total time (ms)"), tr("Own time (ms)")},
                        QString());
    case Kind::Schema: {
        ObjectDetails::Entries entries
            = labelled(QStringLiteral("SELECT count(*) FILTER (WHERE c.relkind IN ('r','p','f')),"
                                      " count(*) FILTER (WHERE c.relkind IN ('v','m')),"
                                      " coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE "
                                      "c.relkind IN ('r','m')), 0)"
                                      " FROM pg_class c WHERE c.relnamespace = %1")
                           .arg(object.oid),
                       {tr("Tables"), tr("Views"), tr("Total size")},
                       QString());
        if (entries.size() == 3)
            entries[2].second = size(entries[2].second);
        return entries;
    }
    default:
        return {};
    }
}

ObjectDetails::Entries PgObjectInspector::tableStatistics(const ObjectRef &object)
{
    if (object.kind == Kind::PartitionedTable)
        return PgPartitionStatistics(m_connection).read(object.oid, object.qualifiedRelation());
    ObjectDetails::Entries entries = labelled(
        QStringLiteral(
            "SELECT pg_total_relation_size(c.oid), pg_relation_size(c.oid),"
            " pg_indexes_size(c.oid), c.reltuples::bigint, s.n_live_tup, s.n_dead_tup,"
            " s.seq_scan, s.seq_tup_read, s.idx_scan, s.n_tup_ins, s.n_tup_upd, s.n_tup_del,"
            " s.last_vacuum::text, s.last_autovacuum::text, s.last_analyze::text,"
            " s.last_autoanalyze::text"
            " FROM pg_class c LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid WHERE c.oid = %1")
            .arg(object.oid),
        {tr("Total size"),
         tr("Table size"),
         tr("Indexes size"),
         tr("Estimated rows"),
         tr("Live rows"),
         tr("Dead rows"),
         tr("Sequential scans"),
         tr("Rows read by sequential scans"),
         tr("Index scans"),
         tr("Rows inserted"),
         tr("Rows updated"),
         tr("Rows deleted"),
         tr("Last vacuum"),
         tr("Last autovacuum"),
         tr("Last analyze"),
         tr("Last autoanalyze")},
        tr("never"));
    for (int i = 0; i < entries.size(); ++i) {
        if (i < 3)
            entries[i].second = size(entries[i].second);
        else if (i < 12 && entries[i].second != tr("never"))
            entries[i].second = count(entries[i].second);
    }
    return entries;
}

void PgObjectInspector::dependencies(const ObjectRef &object,
                                     QList<ObjectDependency> *dependencies,
                                     QList<ObjectDependency> *dependents)
{
    const bool column = object.kind == Kind::Column;
    const QString target = QStringLiteral(
                               "SELECT '%1'::regclass AS classid, %2::oid AS objid, %3 AS objsubid")
                               .arg(catalogOf(object.kind))
                               .arg(column ? object.relationOid : object.oid)
                               .arg(column ? object.subId : 0);
    // Internal dependencies (a table's row type, a constraint's index) are parts of the object,
    // pins are the system's own: neither is news to the user.
    const RowBatch needs = m_connection.fetchAll(
        QStringLiteral(
            "WITH obj AS (%1), src AS ("
            " SELECT d.refclassid, d.refobjid, d.refobjsubid, d.deptype FROM pg_depend d, obj"
            " WHERE d.classid = obj.classid AND d.objid = obj.objid"
            " AND (obj.objsubid = 0 OR d.objsubid = obj.objsubid)"
            " UNION ALL"
            " SELECT d.refclassid, d.refobjid, d.refobjsubid, d.deptype FROM obj"
            " JOIN pg_rewrite r ON obj.classid = 'pg_class'::regclass AND r.ev_class = obj.objid"
            " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            " WHERE NOT (d.refclassid = obj.classid AND d.refobjid = obj.objid))"
            " SELECT DISTINCT pg_describe_object(refclassid, refobjid, refobjsubid), deptype FROM "
            "src"
            " WHERE deptype NOT IN ('i', 'p') ORDER BY 1")
            .arg(target));
    const RowBatch neededBy = m_connection.fetchAll(
        QStringLiteral(
            "WITH obj AS (%1), src AS ("
            " SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'pg_class'::regclass ELSE "
            "d.classid END AS classid,"
            " CASE WHEN d.classid = 'pg_rewrite'::regclass THEN r.ev_class ELSE d.objid END AS "
            "objid,"
            " CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 0 ELSE d.objsubid END AS objsubid, "
            "d.deptype"
            " FROM obj JOIN pg_depend d ON d.refclassid = obj.classid AND d.refobjid = obj.objid"
            " AND (obj.objsubid = 0 OR d.refobjsubid = obj.objsubid)"
            " LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid)"
            " SELECT DISTINCT pg_describe_object(src.classid, src.objid, src.objsubid), "
            "src.deptype FROM src, obj"
            " WHERE src.deptype NOT IN ('i', 'p') AND NOT (src.classid = obj.classid AND src.objid "
            "= obj.objid)"
            " ORDER BY 1")
            .arg(target));
    for (int r = 0; r < needs.rowCount(); ++r)
        dependencies->append({needs.text(r, 0), dependencyType(needs.bytes(r, 1).front())});
    for (int r = 0; r < neededBy.rowCount(); ++r)
        dependents->append({neededBy.text(r, 0), dependencyType(neededBy.bytes(r, 1).front())});
}
