#include "corpus.h"
#include "schemafixtures.h"
#include "testsandbox.h"

#include "db/pgconnection.h"
#include "schema/ddlbuilder.h"
#include "schema/pgcatalogreader.h"
#include "schema/pgddlreader.h"
#include "schema/sqlidentifier.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

// DDL round trip: the DDL the browser shows, run in an empty database, must recreate the objects.
// "Recreate" is judged by pg_catalog itself: the same fingerprint queries (definitions printed
// by the server) run against the source and the copy must return the same rows.
class TestSchemaDdl : public QObject
{
    Q_OBJECT

    struct Copy
    {
        QString source;
        QString target;
        QStringList schemas; // schemas whose objects are copied and compared
    };

    static QString database(const QString &suffix)
    {
        return QStringLiteral("slipway_schema_ddl_") + suffix;
    }

    static QStringList rows(PgConnection &db, const QString &sql)
    {
        const RowBatch batch = db.fetchAll(sql);
        QStringList result;
        for (int r = 0; r < batch.rowCount(); ++r) {
            QStringList cells;
            for (int c = 0; c < batch.columnCount(); ++c)
                cells << (batch.isNull(r, c) ? QStringLiteral("<null>") : batch.text(r, c));
            result << cells.join(QStringLiteral(" | "));
        }
        return result;
    }

    // What must be equal between source and copy, printed by the server.
    static QStringList fingerprints(const QStringList &schemas)
    {
        QStringList quoted;
        for (const QString &schema : schemas)
            quoted << SqlIdentifier::literal(schema);
        const QString in = QStringLiteral("n.nspname IN (%1)").arg(quoted.join(u','));
        return {
            QStringLiteral(
                "SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition,"
                " pg_get_expr(c.relpartbound, c.oid), CASE WHEN c.relkind = 'p' THEN "
                "pg_get_partkeydef(c.oid) END,"
                " c.reloptions::text, obj_description(c.oid, 'pg_class'),"
                " pg_get_userbyid(c.relowner), c.relacl::text, c.relrowsecurity,"
                " c.relforcerowsecurity, (SELECT string_agg(i.inhparent::regclass::text, ','"
                " ORDER BY i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid)"
                " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind IN ('r','p','f','v','m','S','i','I') AND %1 ORDER BY 1, 2")
                .arg(in),
            QStringLiteral(
                "SELECT n.nspname, c.relname, a.attnum, a.attname, format_type(a.atttypid, "
                "a.atttypmod),"
                " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
                " co.collname, col_description(c.oid, a.attnum), a.attislocal, a.attinhcount,"
                " a.attacl::text"
                " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p','f','v','m') "
                "AND %1"
                " ORDER BY 1, 2, 3")
                .arg(in),
            QStringLiteral(
                "SELECT n.nspname, c.relname, co.conname, co.contype, pg_get_constraintdef(co.oid),"
                " co.convalidated, co.condeferrable, co.condeferred, obj_description(co.oid, "
                "'pg_constraint'), co.conislocal, co.coninhcount"
                " FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1 ORDER BY 1, 2, 3")
                .arg(in),
            QStringLiteral("SELECT n.nspname, ic.relname, pg_get_indexdef(i.indexrelid), "
                           "i.indisunique, i.indisprimary,"
                           " i.indisvalid FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                           " JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE %1 ORDER BY 1, 2")
                .arg(in),
            QStringLiteral(
                "SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled"
                " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE NOT t.tgisinternal AND %1 ORDER BY 1, 2, 3")
                .arg(in),
            QStringLiteral(
                "SELECT schemaname, sequencename, data_type, start_value, min_value, max_value,"
                " increment_by, cycle, cache_size FROM pg_sequences n"
                " WHERE schemaname IN (%1) ORDER BY 1, 2")
                .arg(quoted.join(u',')),
            QStringLiteral(
                "SELECT n.nspname, c.relname, d.deptype, oc.relname, oa.attname FROM pg_depend d"
                " JOIN pg_class c ON c.oid = d.objid AND d.classid = 'pg_class'::regclass AND "
                "c.relkind = 'S'"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " JOIN pg_class oc ON oc.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass"
                " JOIN pg_attribute oa ON oa.attrelid = oc.oid AND oa.attnum = d.refobjsubid"
                " WHERE %1 ORDER BY 1, 2")
                .arg(in),
            QStringLiteral("SELECT n.nspname, t.typname, t.typtype, format_type(t.typbasetype, "
                           "t.typtypmod), t.typnotnull,"
                           " t.typdefault, (SELECT string_agg(enumlabel, ',' ORDER BY "
                           "enumsortorder) FROM pg_enum"
                           " WHERE enumtypid = t.oid), obj_description(t.oid, 'pg_type')"
                           " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                           " WHERE t.typtype IN ('e','d','r') AND %1 ORDER BY 1, 2")
                .arg(in),
            QStringLiteral(
                "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,"
                " md5(coalesce(p.prosrc, '')) FROM pg_proc p JOIN pg_namespace n ON n.oid = "
                "p.pronamespace"
                " WHERE %1 ORDER BY 1, 2, 3")
                .arg(in),
            QStringLiteral(
                "SELECT n.nspname, c.relname, pg_get_viewdef(c.oid, true) FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND %1"
                " ORDER BY 1, 2")
                .arg(in),
            QStringLiteral(
                "SELECT n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd,"
                " array(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END"
                " FROM unnest(p.polroles) r ORDER BY 1)::text,"
                " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),"
                " obj_description(p.oid, 'pg_policy')"
                " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1 ORDER BY 1, 2, 3")
                .arg(in),
        };
    }

    // Writes the copy's DDL object by object, in an order that satisfies dependencies, and runs it.
    static void copyDatabase(const Copy &copy, QStringList *log)
    {
        PgConnection source(copy.source);
        source.open();
        PgConnection target(copy.target);
        target.open();
        PgCatalogReader reader(source);
        PgDdlReader ddl(source);
        const Catalog catalog = reader.readEverything(CatalogScope::everything());
        auto run = [&](const QString &sql) {
            *log << sql;
            target.execute(sql);
        };
        auto ref =
            [](SchemaNode::Kind kind, CatalogOid oid, const QString &schema, const QString &name) {
                ObjectRef r;
                r.kind = kind;
                r.oid = oid;
                r.schema = schema;
                r.name = name;
                return r;
            };
        // Bodies may name tables that come later, exactly as in pg_dump.
        target.execute(QStringLiteral("SET check_function_bodies = off"));
        for (const CatalogExtension &extension : catalog.extensions) {
            if (extension.name != QLatin1String("plpgsql"))
                run(DdlBuilder::extension(extension));
        }
        for (const CatalogSchema &schema : catalog.schemas) {
            if (copy.schemas.contains(schema.name) && schema.name != QLatin1String("public"))
                run(ddl.ddl(ref(SchemaNode::Kind::Schema, schema.oid, {}, schema.name)));
        }
        // Enums and ranges first, then domains and composites that may use them.
        QList<CatalogType> types = catalog.types;
        std::stable_sort(types.begin(), types.end(), [](const CatalogType &a, const CatalogType &b) {
            auto rank = [](char k) { return k == 'e' || k == 'r' ? 0 : 1; };
            return rank(a.kind) < rank(b.kind);
        });
        for (const CatalogType &type : types)
            run(ddl.ddl(ref(SchemaNode::Kind::Type, type.oid, type.schema, type.name)));
        // A function may return a table's row type: those wait until the tables exist (pg_dump
        // sorts by pg_depend; trying twice is enough here).
        QStringList afterTables;
        for (const CatalogRoutine &routine : catalog.routines) {
            if (routine.kind == 'a')
                continue;
            const QString sql = ddl.ddl(
                ref(SchemaNode::Kind::Function, routine.oid, routine.schema, routine.name));
            try {
                run(sql);
            } catch (const DbException &e) {
                if (e.error().sqlState != QLatin1String("42704"))
                    throw;
                afterTables << sql;
            }
        }
        for (const CatalogRoutine &routine : catalog.routines) {
            if (routine.kind == 'a')
                run(ddl.ddl(
                    ref(SchemaNode::Kind::Aggregate, routine.oid, routine.schema, routine.name)));
        }
        for (const CatalogRelation &relation : catalog.relations) {
            if (relation.kind == CatalogRelation::Kind::Sequence && relation.ownerDependency == 0)
                run(ddl.ddl(
                    ref(SchemaNode::Kind::Sequence, relation.oid, relation.schema, relation.name)));
        }
        // Parents before their partitions; foreign keys once every table exists.
        QList<CatalogRelation> tables;
        for (const CatalogRelation &relation : catalog.relations) {
            if (relation.isTableLike())
                tables.append(relation);
        }
        std::stable_sort(tables.begin(),
                         tables.end(),
                         [](const CatalogRelation &a, const CatalogRelation &b) {
                             return !a.isPartition && b.isPartition;
                         });
        // INHERITS wants its parents: a child waits until they exist.
        QList<QPair<QString, QString>> created;
        QList<CatalogRelation> ordered;
        while (!tables.isEmpty()) {
            const auto ready = std::find_if(tables.begin(),
                                            tables.end(),
                                            [&](const CatalogRelation &table) {
                                                for (const auto &parent : table.inheritsFrom) {
                                                    if (!created.contains(parent))
                                                        return false;
                                                }
                                                return true;
                                            });
            QVERIFY2(ready != tables.end(), "a cycle of inheritance");
            created.append({ready->schema, ready->name});
            ordered.append(*ready);
            tables.erase(ready);
        }
        QStringList foreignKeys;
        for (const CatalogRelation &table : std::as_const(ordered)) {
            const TableDdl tableDdl = ddl.tableDdl(table.oid);
            for (const QString &statement :
                 tableDdl.before + QStringList{tableDdl.create} + tableDdl.after)
                run(statement);
            foreignKeys << tableDdl.foreignKeys;
        }
        for (const QString &statement : std::as_const(foreignKeys))
            run(statement);
        for (const QString &statement : std::as_const(afterTables))
            run(statement);
        // Views in creation order (oid), so a view on a view finds it.
        QList<CatalogRelation> views;
        for (const CatalogRelation &relation : catalog.relations) {
            if (relation.kind == CatalogRelation::Kind::View
                || relation.kind == CatalogRelation::Kind::MaterializedView)
                views.append(relation);
        }
        std::sort(views.begin(),
                  views.end(),
                  [](const CatalogRelation &a, const CatalogRelation &b) { return a.oid < b.oid; });
        for (const CatalogRelation &view : views) {
            const auto kind = view.kind == CatalogRelation::Kind::View
                                  ? SchemaNode::Kind::View
                                  : SchemaNode::Kind::MaterializedView;
            run(ddl.ddl(ref(kind, view.oid, view.schema, view.name)));
        }
    }

    // Copies the schemas, then compares; a failed statement is shown with the last ones run.
    static void copyAndCompare(const Copy &copy)
    {
        QStringList log;
        try {
            copyDatabase(copy, &log);
        } catch (const DbException &e) {
            QFAIL(qPrintable(e.error().toDisplayString() + QStringLiteral("\nafter:\n")
                             + log.mid(log.size() - 3).join(u'\n')));
        }
        compare(copy);
    }

    static void compare(const Copy &copy)
    {
        PgConnection source(copy.source);
        source.open();
        PgConnection target(copy.target);
        target.open();
        const QStringList queries = fingerprints(copy.schemas);
        for (const QString &sql : queries) {
            const QStringList expected = rows(source, sql);
            const QStringList actual = rows(target, sql);
            // Relations, columns, constraints and indexes exist in every copied schema.
            if (queries.indexOf(sql) < 4)
                QVERIFY2(!expected.isEmpty(), qPrintable(sql));
            for (int i = 0; i < qMax(expected.size(), actual.size()); ++i) {
                const QString e = expected.value(i, QStringLiteral("<missing>"));
                const QString a = actual.value(i, QStringLiteral("<missing>"));
                if (e != a)
                    QFAIL(qPrintable(
                        QStringLiteral("row %1 differs\n  source: %2\n  copy:   %3\n  query: %4")
                            .arg(i)
                            .arg(e, a, sql)));
            }
        }
    }

    QStringList m_roles; // created by a test, dropped in cleanupTestCase()

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(!TestSandbox::conninfo(QStringLiteral("postgres"), &error).isEmpty(),
                 qPrintable(error));
    }

    void cleanupTestCase()
    {
        QString error;
        // The conformance run (Pagila only) may run beside the core run: each drops its own.
        const QStringList suffixes = Corpus::conformanceRun()
                                         ? QStringList{QStringLiteral("pagila"),
                                                       QStringLiteral("pagila_copy")}
                                         : QStringList{QStringLiteral("kinds"),
                                                       QStringLiteral("kinds_copy"),
                                                       QStringLiteral("library"),
                                                       QStringLiteral("library_copy"),
                                                       QStringLiteral("table"),
                                                       QStringLiteral("secure"),
                                                       QStringLiteral("secure_copy")};
        for (const QString &suffix : suffixes)
            QVERIFY2(SchemaFixtures::dropDatabase(database(suffix), &error), qPrintable(error));
        // Roles belong to the cluster: they go once no database holds their objects.
        if (!m_roles.isEmpty()) {
            PgConnection admin(TestSandbox::conninfo(QStringLiteral("postgres")));
            admin.open();
            QStringList quoted;
            for (const QString &role : std::as_const(m_roles))
                quoted << SqlIdentifier::quote(role);
            admin.execute(QStringLiteral("DROP ROLE IF EXISTS %1").arg(quoted.join(u',')));
        }
    }

    // One table's DDL alone in an empty database: identity, serial, collation, generated column,
    // checks (one NOT VALID), exclusion, partial and expression indexes, a self reference, comments.
    void oneTableRecreatesItself()
    {
        QString error;
        const QString source = SchemaFixtures::recreateDatabase(database(QStringLiteral("kinds")),
                                                                {SchemaFixtures::allKindsScript()},
                                                                &error);
        QVERIFY2(!source.isEmpty(), qPrintable(error));
        const QString target = SchemaFixtures::recreateDatabase(database(QStringLiteral("table")),
                                                                {},
                                                                &error);
        QVERIFY2(!target.isEmpty(), qPrintable(error));
        PgConnection db(source);
        db.open();
        const CatalogOid oid
            = db.fetchAll(QStringLiteral("SELECT 'kinds.child'::regclass::oid")).text(0, 0).toUInt();
        // The trigger's function is the one thing a table's DDL may not carry along.
        db.execute(QStringLiteral("ALTER TABLE kinds.child DROP CONSTRAINT child_parent_id_fkey"));
        const TableDdl ddl = PgDdlReader(db).tableDdl(oid);
        const QString text = ddl.text();
        QVERIFY2(text.contains(QStringLiteral("CREATE SEQUENCE kinds.child_id_seq AS integer")),
                 qPrintable(text));
        QVERIFY2(text.contains(
                     QStringLiteral("ALTER SEQUENCE kinds.child_id_seq OWNED BY kinds.child.id;")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ALTER TABLE kinds.child ADD CONSTRAINT "
                                              "child_qty_small CHECK ((qty < 1000)) NOT VALID;")),
                 qPrintable(text));
        QVERIFY2(text.contains(
                     QStringLiteral("ALTER TABLE kinds.child DISABLE TRIGGER child_audit;")),
                 qPrintable(text));
        PgConnection copy(target);
        copy.open();
        copy.execute(
            QStringLiteral("CREATE SCHEMA kinds; CREATE EXTENSION pg_trgm; "
                           "CREATE FUNCTION kinds.touch() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RETURN NEW; END $$"));
        for (const QString &statement : ddl.statements())
            copy.execute(statement);
        const QString columns = QStringLiteral(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            "pg_get_expr(d.adbin, d.adrelid)"
            " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = "
            "a.attnum"
            " WHERE a.attrelid = 'kinds.child'::regclass AND a.attnum > 0 ORDER BY a.attnum");
        QCOMPARE(rows(copy, columns), rows(db, columns));
        const QString constraints = QStringLiteral(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'kinds.child'::regclass ORDER BY 1");
        QCOMPARE(rows(copy, constraints), rows(db, constraints));
        const QString indexes = QStringLiteral(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = 'kinds.child'::regclass ORDER BY 1");
        QCOMPARE(rows(copy, indexes), rows(db, indexes));
        const QString triggers = QStringLiteral(
            "SELECT tgname, tgenabled FROM pg_trigger "
            "WHERE tgrelid = 'kinds.child'::regclass AND NOT tgisinternal ORDER BY 1");
        QCOMPARE(rows(copy, triggers), rows(db, triggers));
    }

    void allKindsRoundTrip()
    {
        QString error;
        Copy copy;
        copy.source = SchemaFixtures::recreateDatabase(database(QStringLiteral("kinds")),
                                                       {SchemaFixtures::allKindsScript()},
                                                       &error);
        QVERIFY2(!copy.source.isEmpty(), qPrintable(error));
        copy.target = SchemaFixtures::recreateDatabase(database(QStringLiteral("kinds_copy")),
                                                       {},
                                                       &error);
        QVERIFY2(!copy.target.isEmpty(), qPrintable(error));
        copy.schemas = {QStringLiteral("kinds"), QStringLiteral("Odd \"Names\"")};
        {
            // The foreign table's server is not a schema object; the copy gets its own.
            PgConnection target(copy.target);
            target.open();
            target.execute(
                QStringLiteral("CREATE FOREIGN DATA WRAPPER kinds_fdw; "
                               "CREATE SERVER kinds_server FOREIGN DATA WRAPPER kinds_fdw"));
        }
        copyAndCompare(copy);
    }

    // Legacy inheritance (two parents, merged columns, a child's own default and NOT NULL on
    // inherited columns, a grandchild), row-level security with two policies, owners, and table
    // and column GRANTs, one of them made by a role other than the owner.
    void inheritanceAndSecurityRoundTrip()
    {
        const QString suffix = QStringLiteral("%1_%2")
                                   .arg(QString::number(QCoreApplication::applicationPid()),
                                        QString::number(
                                            QRandomGenerator::global()->bounded(1000000)));
        const QString owner = QStringLiteral("slipway_ddl_owner_") + suffix;
        const QString reader = QStringLiteral("Slipway Reader ") + suffix; // needs quoting
        m_roles = {owner, reader};
        const QString o = SqlIdentifier::quote(owner);
        const QString r = SqlIdentifier::quote(reader);
        {
            PgConnection admin(TestSandbox::conninfo(QStringLiteral("postgres")));
            admin.open();
            admin.execute(
                QStringLiteral("CREATE ROLE %1 NOLOGIN; CREATE ROLE %2 NOLOGIN").arg(o, r));
        }
        const QString script
            = QStringLiteral(
                  "CREATE TABLE public.base (id integer PRIMARY KEY,"
                  " created timestamptz NOT NULL DEFAULT now(), note text,"
                  " CONSTRAINT base_note_short CHECK (length(note) < 200));\n"
                  "CREATE TABLE public.extra (flag boolean DEFAULT false, tag text);\n"
                  "CREATE TABLE public.child (note text DEFAULT 'child', tag text,"
                  " amount numeric(10,2) NOT NULL,"
                  " CONSTRAINT child_amount_positive CHECK (amount > 0))"
                  " INHERITS (public.base, public.extra);\n"
                  "ALTER TABLE ONLY public.child ALTER COLUMN created SET DEFAULT '2000-01-01';\n"
                  "ALTER TABLE ONLY public.child ALTER COLUMN flag SET NOT NULL;\n"
                  "ALTER TABLE ONLY public.child ALTER COLUMN flag DROP DEFAULT;\n"
                  "CREATE TABLE public.grandchild (remark text) INHERITS (public.child);\n"
                  "ALTER TABLE public.child OWNER TO %1;\n"
                  "GRANT ALL ON public.child TO %2 WITH GRANT OPTION;\n"
                  "GRANT SELECT ON public.base TO PUBLIC;\n"
                  "CREATE TABLE public.documents (id serial PRIMARY KEY,"
                  " owner_name name NOT NULL DEFAULT current_user, body text, secret text);\n"
                  "ALTER TABLE public.documents OWNER TO %1;\n"
                  "ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;\n"
                  "ALTER TABLE public.documents FORCE ROW LEVEL SECURITY;\n"
                  "CREATE POLICY documents_own ON public.documents TO %2, %1"
                  " USING (owner_name = current_user)"
                  " WITH CHECK (owner_name = current_user AND secret IS NULL);\n"
                  "CREATE POLICY \"Documents: no secrets\" ON public.documents AS RESTRICTIVE"
                  " FOR SELECT USING (secret IS NULL);\n"
                  "COMMENT ON POLICY documents_own ON public.documents IS 'Each sees their own';\n"
                  "REVOKE TRUNCATE ON public.documents FROM %1;\n"
                  "GRANT SELECT, INSERT ON public.documents TO %2;\n"
                  "GRANT SELECT ON public.documents TO PUBLIC;\n"
                  "GRANT UPDATE (body), REFERENCES (id) ON public.documents TO %2"
                  " WITH GRANT OPTION;\n"
                  "SET ROLE %2;\n"
                  "GRANT UPDATE (body) ON public.documents TO PUBLIC;\n"
                  "RESET ROLE;\n")
                  .arg(o, r);
        QString error;
        Copy copy;
        copy.source = SchemaFixtures::recreateDatabase(database(QStringLiteral("secure")),
                                                       {},
                                                       &error);
        QVERIFY2(!copy.source.isEmpty(), qPrintable(error));
        copy.target = SchemaFixtures::recreateDatabase(database(QStringLiteral("secure_copy")),
                                                       {},
                                                       &error);
        QVERIFY2(!copy.target.isEmpty(), qPrintable(error));
        // public: a role that grants needs USAGE on the schema, which both databases give it.
        copy.schemas = {QStringLiteral("public")};
        PgConnection db(copy.source);
        db.open();
        try {
            db.execute(script);
        } catch (const DbException &e) {
            QFAIL(qPrintable(e.error().toDisplayString()));
        }

        auto ddlOf = [&db](const char *table) {
            const CatalogOid oid = db.fetchAll(QStringLiteral("SELECT '%1'::regclass::oid")
                                                   .arg(QLatin1String(table)))
                                       .text(0, 0)
                                       .toUInt();
            return PgDdlReader(db).tableDdl(oid).text();
        };
        const QString child = ddlOf("public.child");
        QVERIFY2(
            child.contains(QStringLiteral(
                "CREATE TABLE public.child (\n    note text DEFAULT 'child'::text,\n    tag text,\n"
                "    amount numeric(10,2) NOT NULL,\n"
                "    CONSTRAINT child_amount_positive CHECK ((amount > (0)::numeric))\n"
                ") INHERITS (public.base, public.extra);")),
            qPrintable(child));
        QVERIFY2(!child.contains(QStringLiteral("base_note_short")), qPrintable(child));
        QVERIFY2(child.contains(QStringLiteral("ALTER TABLE ONLY public.child ALTER COLUMN flag "
                                               "SET NOT NULL;")),
                 qPrintable(child));
        QVERIFY2(child.contains(QStringLiteral("ALTER TABLE public.child OWNER TO %1;").arg(o)),
                 qPrintable(child));
        QVERIFY2(
            child.contains(
                QStringLiteral(
                    "GRANT INSERT, SELECT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "
                    "public.child TO %1 WITH GRANT OPTION;")
                    .arg(r)),
            qPrintable(child));
        QVERIFY2(ddlOf("public.grandchild")
                     .startsWith(QStringLiteral("CREATE TABLE public.grandchild (\n    remark "
                                                "text\n) INHERITS (public.child);")),
                 qPrintable(ddlOf("public.grandchild")));
        const QString documents = ddlOf("public.documents");
        for (const QString &expected :
             {QStringLiteral("ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;"),
              QStringLiteral("ALTER TABLE public.documents FORCE ROW LEVEL SECURITY;"),
              QStringLiteral("CREATE POLICY \"Documents: no secrets\" ON public.documents\n"
                             "    AS RESTRICTIVE\n    FOR SELECT\n    USING ((secret IS NULL));"),
              QStringLiteral("REVOKE TRUNCATE ON TABLE public.documents FROM %1;").arg(o),
              QStringLiteral("GRANT SELECT ON TABLE public.documents TO PUBLIC;"),
              QStringLiteral("SET ROLE %1;").arg(r)}) {
            QVERIFY2(documents.contains(expected),
                     qPrintable(expected + QStringLiteral("\nnot in:\n") + documents));
        }
        copyAndCompare(copy);
    }

    // A whole schema of realistic shape copied through its DDL: the library
    // (tests/data/schema/library.sql), or Pagila from the corpus in the conformance run
    // (tst_schemaddl_corpus).
    void realisticRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("schema");
        if (Corpus::conformanceRun()) {
            if (Corpus::root().isEmpty())
                QSKIP("SLIPWAY_CORPUS unset: conformance run skipped (see scripts/fetch-corpus)");
            QTest::newRow("pagila") << QStringLiteral("pagila") << QStringLiteral("public");
        } else {
            QTest::newRow("library") << QStringLiteral("library") << QStringLiteral("lending");
        }
    }

    void realisticRoundTrip()
    {
        QFETCH(QString, name);
        QFETCH(QString, schema);
        QString error;
        const QString script = name == QLatin1String("pagila")
                                   ? SchemaFixtures::pagilaScript(&error)
                                   : SchemaFixtures::libraryScript();
        QVERIFY2(!script.isEmpty(), qPrintable(error));
        Copy copy;
        copy.source = SchemaFixtures::recreateDatabase(database(name), {script}, &error);
        QVERIFY2(!copy.source.isEmpty(), qPrintable(error));
        copy.target = SchemaFixtures::recreateDatabase(database(name + QStringLiteral("_copy")),
                                                       {},
                                                       &error);
        QVERIFY2(!copy.target.isEmpty(), qPrintable(error));
        copy.schemas = {schema};
        copyAndCompare(copy);
    }
};

QTEST_GUILESS_MAIN(TestSchemaDdl)
#include "tst_schemaddl.moc"
