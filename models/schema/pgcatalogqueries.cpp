#include "pgcatalogqueries.h"

#include "sqlidentifier.h"

namespace {

QString oidList(const QList<CatalogOid> &oids)
{
    if (oids.isEmpty())
        return QStringLiteral("NULL"); // IN (NULL) matches nothing, which is what no oids means
    QStringList parts;
    parts.reserve(oids.size());
    for (CatalogOid oid : oids)
        parts << QString::number(oid);
    return parts.join(u',');
}

const char RelationKinds[] = "('r','p','f','v','m','S')";
const char ColumnOwnerKinds[] = "('r','p','f','v','m')";

} // namespace

QString PgCatalogQueries::schemaPredicate(const CatalogScope &scope) const
{
    switch (scope.kind) {
    case CatalogScope::Kind::Schemas:
        return QStringLiteral("n.oid IN (%1)").arg(oidList(scope.oids));
    case CatalogScope::Kind::Relations:
        return QStringLiteral("true");
    case CatalogScope::Kind::Everything:
        break;
    }
    // Other sessions' temporary schemas are noise even when system schemas are shown.
    if (scope.includeSystem)
        return QStringLiteral("NOT starts_with(n.nspname, 'pg_temp_') "
                              "AND NOT starts_with(n.nspname, 'pg_toast_temp_')");
    return QStringLiteral(
        "n.nspname <> 'information_schema' AND NOT starts_with(n.nspname, 'pg_')");
}

QString PgCatalogQueries::filterCondition(const CatalogScope &scope, const QString &column) const
{
    if (scope.filter.isEmpty() || scope.kind == CatalogScope::Kind::Relations)
        return {};
    return QStringLiteral("%1 ILIKE %2")
        .arg(column, SqlIdentifier::literal(scope.filter.likePattern()));
}

QString PgCatalogQueries::filterPredicate(const CatalogScope &scope, const QString &column) const
{
    const QString condition = filterCondition(scope, column);
    return condition.isEmpty() ? QString() : QStringLiteral(" AND ") + condition;
}

QString PgCatalogQueries::relationPredicate(const CatalogScope &scope) const
{
    if (scope.kind == CatalogScope::Kind::Relations)
        return QStringLiteral("c.oid IN (%1)").arg(oidList(scope.oids));
    // Partitions follow their parent whatever their own name is.
    const QString filter = filterCondition(scope, QStringLiteral("c.relname"));
    if (filter.isEmpty())
        return schemaPredicate(scope);
    return QStringLiteral("%1 AND (c.relispartition OR %2)").arg(schemaPredicate(scope), filter);
}

QString PgCatalogQueries::schemas(const CatalogScope &scope) const
{
    CatalogScope everything = scope;
    everything.kind = CatalogScope::Kind::Everything;
    QString matching;
    if (!scope.filter.isEmpty()) {
        // With a filter only the schemas holding a match are listed.
        matching
            = QStringLiteral(
                  " AND (EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid"
                  " AND c.relkind IN %1 AND NOT c.relispartition%2)"
                  " OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid%3)"
                  " OR EXISTS (SELECT 1 FROM pg_type t WHERE t.typnamespace = n.oid"
                  " AND t.typtype IN ('c','d','e','r') AND (t.typtype <> 'c' OR EXISTS ("
                  "SELECT 1 FROM pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c'))%4))")
                  .arg(QLatin1String(RelationKinds),
                       filterPredicate(scope, QStringLiteral("c.relname")),
                       filterPredicate(scope, QStringLiteral("p.proname")),
                       filterPredicate(scope, QStringLiteral("t.typname")));
    }
    return QStringLiteral("SELECT n.oid, n.nspname, pg_get_userbyid(n.nspowner), d.description,"
                          " (n.nspname = 'information_schema' OR starts_with(n.nspname, 'pg_')),"
                          " coalesce(t.tables, 0)"
                          " FROM pg_namespace n"
                          " LEFT JOIN pg_description d ON d.objoid = n.oid"
                          " AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0"
                          " LEFT JOIN (SELECT c.relnamespace, count(*) AS tables FROM pg_class c"
                          " WHERE c.relkind IN ('r','p','f') AND NOT c.relispartition%1"
                          " GROUP BY c.relnamespace) t ON t.relnamespace = n.oid"
                          " WHERE %2%3"
                          " ORDER BY n.nspname")
        .arg(filterPredicate(scope, QStringLiteral("c.relname")),
             schemaPredicate(everything),
             matching);
}

QString PgCatalogQueries::relations(const CatalogScope &scope) const
{
    QString where;
    switch (scope.kind) {
    case CatalogScope::Kind::Everything:
        where = relationPredicate(scope);
        break;
    case CatalogScope::Kind::Schemas:
        where = schemaPredicate(scope) + QStringLiteral(" AND NOT c.relispartition")
                + filterPredicate(scope, QStringLiteral("c.relname"));
        break;
    case CatalogScope::Kind::Relations:
        where = QStringLiteral("inh.inhparent IN (%1)").arg(oidList(scope.oids));
        break;
    }
    return relationsWhere(where);
}

QString PgCatalogQueries::relationsByOid(const QList<CatalogOid> &oids) const
{
    return relationsWhere(QStringLiteral("c.oid IN (%1)").arg(oidList(oids)));
}

QString PgCatalogQueries::ownedSequences(const QList<CatalogOid> &tables) const
{
    return relationsWhere(QStringLiteral("dep.refobjid IN (%1)").arg(oidList(tables)));
}

QString PgCatalogQueries::relationsWhere(const QString &where) const
{
    return QStringLiteral(
               "SELECT c.oid, c.relnamespace, n.nspname, c.relname, c.relkind, c.relispartition,"
               " inh.inhparent, pn.nspname, pc.relname,"
               " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
               " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
               " pg_get_userbyid(c.relowner), d.description,"
               // A partitioned table holds no rows and autovacuum never analyzes it: its leaf
               // partitions' estimates add up to its own (-1 while none was ever analyzed).
               " CASE WHEN c.relkind = 'p' THEN (SELECT CASE WHEN count(*) = 0 THEN 0"
               " WHEN bool_and(l.reltuples < 0) THEN -1"
               " ELSE sum(greatest(l.reltuples, 0))::bigint END"
               " FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid"
               " WHERE t.isleaf) ELSE c.reltuples::bigint END, c.relpersistence,"
               " array_to_json(c.reloptions)::text, fs.srvname, array_to_json(ft.ftoptions)::text,"
               " format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
               " s.seqcache, s.seqcycle, dep.deptype, ons.nspname, oc.relname, oa.attname,"
               // Legacy inheritance parents; partitions have theirs in inh above.
               " CASE WHEN NOT c.relispartition AND c.relkind IN ('r','f') THEN"
               " (SELECT json_agg(json_build_array(ipn.nspname, ipc.relname) ORDER BY i.inhseqno)"
               " FROM pg_inherits i JOIN pg_class ipc ON ipc.oid = i.inhparent"
               " JOIN pg_namespace ipn ON ipn.oid = ipc.relnamespace"
               " WHERE i.inhrelid = c.oid) END,"
               " c.relrowsecurity, c.relforcerowsecurity, c.relacl IS NOT NULL"
               " FROM pg_class c"
               " JOIN pg_namespace n ON n.oid = c.relnamespace"
               " LEFT JOIN pg_inherits inh ON c.relispartition AND inh.inhrelid = c.oid"
               " LEFT JOIN pg_class pc ON pc.oid = inh.inhparent"
               " LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
               " LEFT JOIN pg_description d ON d.objoid = c.oid"
               " AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0"
               " LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid"
               " LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver"
               " LEFT JOIN pg_sequence s ON s.seqrelid = c.oid"
               " LEFT JOIN pg_depend dep ON c.relkind = 'S' AND dep.classid = 'pg_class'::regclass"
               " AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass"
               " AND dep.deptype IN ('a','i')"
               " LEFT JOIN pg_class oc ON oc.oid = dep.refobjid"
               " LEFT JOIN pg_namespace ons ON ons.oid = oc.relnamespace"
               " LEFT JOIN pg_attribute oa ON oa.attrelid = dep.refobjid"
               " AND oa.attnum = dep.refobjsubid"
               " WHERE c.relkind IN %1 AND %2"
               " ORDER BY n.nspname, c.relname")
        .arg(QLatin1String(RelationKinds), where);
}

QString PgCatalogQueries::columns(const CatalogScope &scope) const
{
    return QStringLiteral(
               "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
               " a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,"
               " cn.nspname, co.collname, d.description, a.attislocal, a.attinhcount,"
               // What legacy inheritance parents give an inherited column, so the child's DDL
               // only adds what it changed (partitions take theirs from the parent anyway).
               " CASE WHEN a.attinhcount > 0 AND NOT c.relispartition THEN"
               " (SELECT bool_or(pa.attnotnull) FROM pg_inherits i JOIN pg_attribute pa"
               " ON pa.attrelid = i.inhparent AND pa.attname = a.attname"
               " WHERE i.inhrelid = a.attrelid) END,"
               " CASE WHEN a.attinhcount > 0 AND NOT c.relispartition THEN"
               " (SELECT pg_get_expr(pd.adbin, pd.adrelid) FROM pg_inherits i JOIN pg_attribute pa"
               " ON pa.attrelid = i.inhparent AND pa.attname = a.attname"
               " JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum"
               " WHERE i.inhrelid = a.attrelid ORDER BY i.inhseqno LIMIT 1) END"
               " FROM pg_attribute a"
               " JOIN pg_class c ON c.oid = a.attrelid"
               " JOIN pg_namespace n ON n.oid = c.relnamespace"
               " JOIN pg_type t ON t.oid = a.atttypid"
               " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
               " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
               " AND a.attcollation <> t.typcollation"
               " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
               " LEFT JOIN pg_description d ON d.objoid = a.attrelid"
               " AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum"
               " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN %1 AND %2"
               " ORDER BY a.attrelid, a.attnum")
        .arg(QLatin1String(ColumnOwnerKinds), relationPredicate(scope));
}

QString PgCatalogQueries::constraints(const CatalogScope &scope) const
{
    return QStringLiteral(
               "SELECT co.oid, co.conrelid, co.conname, co.contype, pg_get_constraintdef(co.oid),"
               " co.convalidated, (co.conparentid <> 0 OR NOT co.conislocal), fn.nspname, "
               "fc.relname,"
               " array_to_string(co.conkey, ','), co.confupdtype, co.confdeltype, co.condeferrable,"
               " co.condeferred, co.conindid, d.description"
               " FROM pg_constraint co"
               " JOIN pg_class c ON c.oid = co.conrelid"
               " JOIN pg_namespace n ON n.oid = c.relnamespace"
               " LEFT JOIN pg_class fc ON fc.oid = co.confrelid"
               " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
               " LEFT JOIN pg_description d ON d.objoid = co.oid"
               " AND d.classoid = 'pg_constraint'::regclass"
               " WHERE %1"
               " ORDER BY co.conrelid, co.contype, co.conname")
        .arg(relationPredicate(scope));
}

QString PgCatalogQueries::indexes(const CatalogScope &scope) const
{
    return QStringLiteral(
               "SELECT i.indexrelid, i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid),"
               " i.indisunique, i.indisprimary, i.indisvalid, i.indpred IS NOT NULL,"
               " i.indexprs IS NOT NULL, am.amname,"
               // relpages rather than pg_relation_size(): no file stat() per index, which is a
               // quarter of this query's time on a 10,000-table catalog.
               " ic.relpages::bigint * current_setting('block_size')::bigint,"
               " pg_stat_get_numscans(i.indexrelid), con.conname, ic.relispartition,"
               " array_to_string(i.indkey::int2[], ','), d.description"
               " FROM pg_index i"
               " JOIN pg_class ic ON ic.oid = i.indexrelid"
               " JOIN pg_class c ON c.oid = i.indrelid"
               " JOIN pg_namespace n ON n.oid = c.relnamespace"
               " JOIN pg_am am ON am.oid = ic.relam"
               " LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid"
               " AND con.conrelid = i.indrelid AND con.contype IN ('p','u','x')"
               " LEFT JOIN pg_description d ON d.objoid = i.indexrelid"
               " AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0"
               " WHERE %1"
               " ORDER BY i.indrelid, ic.relname")
        .arg(relationPredicate(scope));
}

QString PgCatalogQueries::triggers(const CatalogScope &scope) const
{
    // tgparentid (partition clones) exists since PostgreSQL 13.
    const QString inherited = m_serverVersion >= 130000 ? QStringLiteral("tg.tgparentid <> 0")
                                                        : QStringLiteral("false");
    return QStringLiteral("SELECT tg.oid, tg.tgrelid, tg.tgname, pg_get_triggerdef(tg.oid, true), "
                          "tg.tgenabled,"
                          " pn.nspname, p.proname, %1, d.description"
                          " FROM pg_trigger tg"
                          " JOIN pg_class c ON c.oid = tg.tgrelid"
                          " JOIN pg_namespace n ON n.oid = c.relnamespace"
                          " JOIN pg_proc p ON p.oid = tg.tgfoid"
                          " JOIN pg_namespace pn ON pn.oid = p.pronamespace"
                          " LEFT JOIN pg_description d ON d.objoid = tg.oid"
                          " AND d.classoid = 'pg_trigger'::regclass"
                          " WHERE NOT tg.tgisinternal AND %2"
                          " ORDER BY tg.tgrelid, tg.tgname")
        .arg(inherited, relationPredicate(scope));
}

QString PgCatalogQueries::policies(const CatalogScope &scope) const
{
    // polroles {0} is PUBLIC: null in the list.
    return QStringLiteral(
               "SELECT pol.oid, pol.polrelid, pol.polname, pol.polpermissive, pol.polcmd,"
               " (SELECT json_agg(CASE WHEN r.role = 0 THEN NULL ELSE pg_get_userbyid(r.role) END"
               " ORDER BY r.n) FROM unnest(pol.polroles) WITH ORDINALITY r(role, n)),"
               " pg_get_expr(pol.polqual, pol.polrelid),"
               " pg_get_expr(pol.polwithcheck, pol.polrelid),"
               " d.description"
               " FROM pg_policy pol"
               " JOIN pg_class c ON c.oid = pol.polrelid"
               " JOIN pg_namespace n ON n.oid = c.relnamespace"
               " LEFT JOIN pg_description d ON d.objoid = pol.oid"
               " AND d.classoid = 'pg_policy'::regclass"
               " WHERE %1"
               " ORDER BY pol.polrelid, pol.polname")
        .arg(relationPredicate(scope));
}

QString PgCatalogQueries::privileges(const CatalogScope &scope) const
{
    // Table privileges first, then column privileges by column; each in ACL order, which is the
    // order GRANTs must run in to give the same ACL text. Grantee 0 is PUBLIC: null.
    return QStringLiteral("SELECT c.oid, NULL::name, CASE WHEN acl.grantee <> 0"
                          " THEN pg_get_userbyid(acl.grantee) END, pg_get_userbyid(acl.grantor),"
                          " acl.privilege_type, acl.is_grantable, 0 AS attnum, acl.n"
                          " FROM pg_class c"
                          " JOIN pg_namespace n ON n.oid = c.relnamespace"
                          " CROSS JOIN LATERAL aclexplode(c.relacl) WITH ORDINALITY"
                          " acl(grantor, grantee, privilege_type, is_grantable, n)"
                          " WHERE c.relacl IS NOT NULL AND c.relkind IN %1 AND %2"
                          " UNION ALL"
                          " SELECT c.oid, a.attname, CASE WHEN acl.grantee <> 0"
                          " THEN pg_get_userbyid(acl.grantee) END, pg_get_userbyid(acl.grantor),"
                          " acl.privilege_type, acl.is_grantable, a.attnum, acl.n"
                          " FROM pg_attribute a"
                          " JOIN pg_class c ON c.oid = a.attrelid"
                          " JOIN pg_namespace n ON n.oid = c.relnamespace"
                          " CROSS JOIN LATERAL aclexplode(a.attacl) WITH ORDINALITY"
                          " acl(grantor, grantee, privilege_type, is_grantable, n)"
                          " WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped"
                          " AND c.relkind IN %1 AND %2"
                          " ORDER BY 1, 7, 8")
        .arg(QLatin1String(RelationKinds), relationPredicate(scope));
}

QString PgCatalogQueries::routines(const CatalogScope &scope) const
{
    return QStringLiteral(
               "SELECT p.oid, p.pronamespace, n.nspname, p.proname,"
               " pg_get_function_identity_arguments(p.oid),"
               " CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END,"
               " p.prokind, l.lanname, pg_get_userbyid(p.proowner), d.description"
               " FROM pg_proc p"
               " JOIN pg_namespace n ON n.oid = p.pronamespace"
               " JOIN pg_language l ON l.oid = p.prolang"
               " LEFT JOIN pg_description d ON d.objoid = p.oid"
               " AND d.classoid = 'pg_proc'::regclass"
               " WHERE %1%2"
               // Constructors a range type made for itself belong to the type, as in pg_dump.
               " AND NOT EXISTS (SELECT 1 FROM pg_depend dp WHERE dp.classid = 'pg_proc'::regclass"
               " AND dp.objid = p.oid AND dp.deptype = 'i')"
               " ORDER BY n.nspname, p.proname, 5")
        .arg(schemaPredicate(scope), filterPredicate(scope, QStringLiteral("p.proname")));
}

QString PgCatalogQueries::types(const CatalogScope &scope) const
{
    return typesWhere(schemaPredicate(scope) + filterPredicate(scope, QStringLiteral("t.typname")));
}

QString PgCatalogQueries::typesByOid(const QList<CatalogOid> &oids) const
{
    return typesWhere(QStringLiteral("t.oid IN (%1)").arg(oidList(oids)));
}

QString PgCatalogQueries::typesWhere(const QString &where) const
{
    // Array types and the multirange twins of ranges come with their element type and are not
    // listed; composite types are listed only when free-standing (relkind 'c').
    return QStringLiteral(
               "SELECT t.oid, t.typnamespace, n.nspname, t.typname, t.typtype,"
               " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,"
               " t.typnotnull, t.typdefault,"
               " CASE WHEN t.typtype = 'e' THEN (SELECT json_agg(e.enumlabel ORDER BY "
               "e.enumsortorder)"
               " FROM pg_enum e WHERE e.enumtypid = t.oid) END,"
               " CASE WHEN t.typtype = 'd' THEN (SELECT json_agg(json_build_array(dc.conname,"
               " pg_get_constraintdef(dc.oid)) ORDER BY dc.conname)"
               " FROM pg_constraint dc WHERE dc.contypid = t.oid) END,"
               " CASE WHEN t.typtype = 'c' THEN (SELECT json_agg(json_build_array(a.attname,"
               " format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum) FROM pg_attribute a"
               " WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END,"
               " CASE WHEN t.typtype = 'r' THEN (SELECT format_type(r.rngsubtype, NULL)"
               " FROM pg_range r WHERE r.rngtypid = t.oid) END,"
               " pg_get_userbyid(t.typowner), d.description"
               " FROM pg_type t"
               " JOIN pg_namespace n ON n.oid = t.typnamespace"
               " LEFT JOIN pg_class tc ON tc.oid = t.typrelid"
               " LEFT JOIN pg_description d ON d.objoid = t.oid AND d.classoid = "
               "'pg_type'::regclass"
               " WHERE t.typtype IN ('b','c','d','e','r') AND (t.typrelid = 0 OR tc.relkind = 'c')"
               " AND NOT EXISTS (SELECT 1 FROM pg_type el WHERE el.oid = t.typelem"
               " AND el.typarray = t.oid)"
               " AND %1"
               " ORDER BY n.nspname, t.typname")
        .arg(where);
}

QString PgCatalogQueries::extensions() const
{
    return QStringLiteral(
        "SELECT e.oid, e.extname, e.extversion, n.nspname, d.description"
        " FROM pg_extension e"
        " JOIN pg_namespace n ON n.oid = e.extnamespace"
        " LEFT JOIN pg_description d ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass"
        " ORDER BY e.extname");
}

QStringList PgCatalogQueries::everything(const CatalogScope &scope) const
{
    return {schemas(scope),
            relations(scope),
            columns(scope),
            constraints(scope),
            indexes(scope),
            triggers(scope),
            routines(scope),
            types(scope),
            extensions()};
}
