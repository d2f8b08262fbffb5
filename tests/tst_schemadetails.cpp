#include "schemafixtures.h"
#include "testsandbox.h"

#include "db/pgconnection.h"
#include "schema/objectdetailsreader.h"
#include "schema/pgcatalogreader.h"

#include <QLocale>
#include <QTest>

// The object panel's content (ObjectDetailsReader) for each kind of object in the all-kinds
// database: DDL text, properties, statistics and both directions of pg_depend.
class TestSchemaDetails : public QObject
{
    Q_OBJECT

    using Kind = SchemaNode::Kind;

    std::unique_ptr<PgConnection> m_db;

    CatalogOid oid(const QString &sql) { return m_db->fetchAll(sql).text(0, 0).toUInt(); }

    ObjectRef ref(Kind kind, const QString &schema, const QString &name, CatalogOid objectOid)
    {
        ObjectRef r;
        r.kind = kind;
        r.schema = schema;
        r.name = name;
        r.oid = objectOid;
        return r;
    }

    ObjectRef part(
        Kind kind, const QString &table, const QString &name, CatalogOid objectOid, int subId = 0)
    {
        ObjectRef r = ref(kind, QStringLiteral("kinds"), name, objectOid);
        r.relationName = table;
        r.relationOid = oid(QStringLiteral("SELECT 'kinds.%1'::regclass::oid").arg(table));
        r.subId = subId;
        return r;
    }

    static QString value(const ObjectDetails::Entries &entries, const QString &label)
    {
        for (const auto &entry : entries) {
            if (entry.first == label)
                return entry.second;
        }
        return QStringLiteral("<no %1>").arg(label);
    }

    static QStringList objects(const QList<ObjectDependency> &list)
    {
        QStringList names;
        for (const ObjectDependency &d : list)
            names << d.object;
        return names;
    }

private slots:
    void initTestCase()
    {
        QString error;
        const QString conninfo = SchemaFixtures::recreateDatabase(QStringLiteral(
                                                                      "slipway_schema_details"),
                                                                  {SchemaFixtures::allKindsScript()},
                                                                  &error);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
        m_db = std::make_unique<PgConnection>(conninfo);
        m_db->open();
        m_db->execute(QStringLiteral("ANALYZE"));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        QString error;
        QVERIFY2(SchemaFixtures::dropDatabase(QStringLiteral("slipway_schema_details"), &error),
                 qPrintable(error));
    }

    void table()
    {
        const CatalogOid parent = oid(QStringLiteral("SELECT 'kinds.parent'::regclass::oid"));
        const ObjectDetails d = ObjectDetailsReader::read(*m_db,
                                                          ref(Kind::Table,
                                                              QStringLiteral("kinds"),
                                                              QStringLiteral("parent"),
                                                              parent));
        QVERIFY2(d.ddl.startsWith(
                     QStringLiteral("CREATE TABLE kinds.parent (\n    id bigint GENERATED ALWAYS "
                                    "AS IDENTITY NOT NULL,\n"
                                    "    code text COLLATE pg_catalog.\"C\" NOT NULL,\n")),
                 qPrintable(d.ddl));
        QVERIFY2(d.ddl.contains(QStringLiteral(
                     "    code_length integer GENERATED ALWAYS AS (length(code)) STORED,\n")),
                 qPrintable(d.ddl));
        QVERIFY2(d.ddl.contains(QStringLiteral(") WITH (fillfactor=80);")), qPrintable(d.ddl));
        QVERIFY2(d.ddl.contains(
                     QStringLiteral("COMMENT ON COLUMN kinds.parent.code IS 'business key';")),
                 qPrintable(d.ddl));
        QCOMPARE(value(d.properties, QStringLiteral("Name")), QStringLiteral("kinds.parent"));
        QCOMPARE(value(d.properties, QStringLiteral("Owner")), QStringLiteral("postgres"));
        QCOMPARE(value(d.properties, QStringLiteral("Comment")), QStringLiteral("the parent table"));
        QVERIFY2(value(d.statistics, QStringLiteral("Total size")).contains(QStringLiteral("KiB")),
                 qPrintable(value(d.statistics, QStringLiteral("Total size"))));
        QCOMPARE(value(d.statistics, QStringLiteral("Sequential scans")).isEmpty(), false);
        QVERIFY(value(d.statistics, QStringLiteral("Last analyze")) != QStringLiteral("never"));
        const QStringList dependents = objects(d.dependents);
        QVERIFY2(dependents.contains(QStringLiteral("view kinds.parent_codes")),
                 qPrintable(dependents.join(u'\n')));
        QVERIFY2(dependents.contains(QStringLiteral("materialized view kinds.mood_counts")),
                 qPrintable(dependents.join(u'\n')));
        QVERIFY2(dependents.contains(
                     QStringLiteral("constraint child_parent_id_fkey on table kinds.child")),
                 qPrintable(dependents.join(u'\n')));
        const QStringList needs = objects(d.dependencies);
        QVERIFY2(needs.contains(QStringLiteral("schema kinds")), qPrintable(needs.join(u'\n')));
        QVERIFY2(needs.contains(QStringLiteral("type kinds.mood")), qPrintable(needs.join(u'\n')));
    }

    // A partitioned table stores nothing: PostgreSQL leaves its reltuples at -1 until the parent
    // itself is analyzed, its live and dead rows at 0 and its vacuum times empty. The panel sums
    // its leaf partitions (through a sub-partitioned level) and says so.
    void partitionedTableSumsItsPartitions()
    {
        m_db->execute(QStringLiteral(
            "CREATE SCHEMA sums;"
            "CREATE TABLE sums.ev (id int, d date) PARTITION BY RANGE (d);"
            "CREATE TABLE sums.ev_a PARTITION OF sums.ev FOR VALUES FROM ('2024-01-01') TO "
            "('2024-07-01') WITH (autovacuum_enabled = off);"
            "CREATE TABLE sums.ev_b PARTITION OF sums.ev FOR VALUES FROM ('2024-07-01') TO "
            "('2025-01-01') PARTITION BY RANGE (d);"
            "CREATE TABLE sums.ev_b1 PARTITION OF sums.ev_b FOR VALUES FROM ('2024-07-01') TO "
            "('2024-10-01') WITH (autovacuum_enabled = off);"
            "CREATE TABLE sums.ev_b2 PARTITION OF sums.ev_b FOR VALUES FROM ('2024-10-01') TO "
            "('2025-01-01') WITH (autovacuum_enabled = off);"
            "CREATE TABLE sums.empty (id int) PARTITION BY LIST (id)"));
        const QString leaves = QStringLiteral(
            "FROM pg_stat_all_tables WHERE relid IN ('sums.ev_a'::regclass, "
            "'sums.ev_b1'::regclass, 'sums.ev_b2'::regclass)");
        auto number = [this](const QString &sql) {
            return m_db->fetchAll(sql).text(0, 0).toLongLong();
        };
        // 1,000 rows in each leaf. A session's counters reach the shared statistics when it
        // ends: wait for them before VACUUM sets the live rows, or they would count twice.
        {
            PgConnection writer(m_db->conninfo());
            writer.open();
            writer.execute(QStringLiteral(
                "INSERT INTO sums.ev SELECT g, date '2024-01-01' + (ARRAY[0, 200, 300])[1 + g % 3]"
                " FROM generate_series(1, 3000) g"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(number(QStringLiteral("SELECT sum(n_tup_ins) ") + leaves),
                                  qint64(3000),
                                  15000);
        m_db->execute(QStringLiteral("VACUUM sums.ev_a, sums.ev_b1, sums.ev_b2"));
        m_db->execute(QStringLiteral("ANALYZE sums.ev_a, sums.ev_b1"));
        {
            PgConnection deleter(m_db->conninfo());
            deleter.open();
            deleter.execute(QStringLiteral(
                "DELETE FROM sums.ev WHERE d = date '2024-01-01' + 300 AND id <= 300"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(number(QStringLiteral("SELECT sum(n_dead_tup) ") + leaves),
                                  qint64(100),
                                  15000);
        QCOMPARE(number(QStringLiteral("SELECT sum(n_live_tup) ") + leaves), qint64(2900));
        QCOMPARE(number(QStringLiteral("SELECT sum(reltuples)::bigint FROM pg_class WHERE relname "
                                       "IN ('ev_a', 'ev_b1', 'ev_b2')")),
                 qint64(3000));
        const QString oldestVacuum
            = m_db->fetchAll(QStringLiteral("SELECT min(last_vacuum)::text ") + leaves).text(0, 0);
        QVERIFY(!oldestVacuum.isEmpty());

        const CatalogOid ev = oid(QStringLiteral("SELECT 'sums.ev'::regclass::oid"));
        const ObjectDetails d = ObjectDetailsReader::read(*m_db,
                                                          ref(Kind::PartitionedTable,
                                                              QStringLiteral("sums"),
                                                              QStringLiteral("ev"),
                                                              ev));
        const QLocale locale;
        QCOMPARE(value(d.statistics, QStringLiteral("Partitions")),
                 QStringLiteral("3 leaf partitions; the figures below are summed over them"));
        QCOMPARE(value(d.statistics, QStringLiteral("Estimated rows")),
                 locale.toString(3000) + QStringLiteral(", the sum of its 3 partitions"));
        QCOMPARE(value(d.statistics, QStringLiteral("Live rows")),
                 locale.toString(2900) + QStringLiteral(", the sum of its 3 partitions"));
        QCOMPARE(value(d.statistics, QStringLiteral("Dead rows")),
                 QStringLiteral("100, the sum of its 3 partitions"));
        QCOMPARE(value(d.statistics, QStringLiteral("Rows deleted")), QStringLiteral("100"));
        QCOMPARE(value(d.statistics, QStringLiteral("Last vacuum")),
                 oldestVacuum + QStringLiteral(" (the oldest of its 3 partitions)"));
        QCOMPARE(value(d.statistics, QStringLiteral("Last analyze")),
                 QStringLiteral("never on 1 of its 3 partitions"));
        QCOMPARE(value(d.statistics, QStringLiteral("Last autovacuum")),
                 QStringLiteral("never on any of its 3 partitions"));
        QVERIFY2(value(d.statistics, QStringLiteral("Last analyze of the table itself"))
                     .startsWith(QStringLiteral("never: autovacuum does not analyze partitioned "
                                                "tables; ANALYZE sums.ev ")),
                 qPrintable(
                     value(d.statistics, QStringLiteral("Last analyze of the table itself"))));
        QCOMPARE(value(d.properties, QStringLiteral("Estimated rows")),
                 locale.toString(3000) + QStringLiteral(" (the sum of its partitions)"));

        // The catalog (slipway-cli schema --json, the Properties tab) sums the leaves too, at
        // every level.
        PgCatalogReader reader(*m_db);
        const CatalogOid evB = oid(QStringLiteral("SELECT 'sums.ev_b'::regclass::oid"));
        const QList<CatalogRelation> relations = reader.readRelationsByOid({ev, evB});
        QCOMPARE(relations.size(), 2);
        for (const CatalogRelation &r : relations)
            QCOMPARE(r.estimatedRows, qint64(r.oid == ev ? 3000 : 2000));

        // Analyzing the parent itself is reported as such; a table without partitions has none.
        m_db->execute(QStringLiteral("ANALYZE sums.ev"));
        const QString parentAnalyzed = m_db->fetchAll(
                                               QStringLiteral("SELECT last_analyze::text FROM "
                                                              "pg_stat_all_tables WHERE relid = "
                                                              "'sums.ev'::regclass"))
                                           .text(0, 0);
        QVERIFY(!parentAnalyzed.isEmpty());
        const ObjectDetails analyzed = ObjectDetailsReader::read(*m_db,
                                                                 ref(Kind::PartitionedTable,
                                                                     QStringLiteral("sums"),
                                                                     QStringLiteral("ev"),
                                                                     ev));
        QCOMPARE(value(analyzed.statistics, QStringLiteral("Last analyze of the table itself")),
                 parentAnalyzed);
        const ObjectDetails empty
            = ObjectDetailsReader::read(*m_db,
                                        ref(Kind::PartitionedTable,
                                            QStringLiteral("sums"),
                                            QStringLiteral("empty"),
                                            oid(QStringLiteral(
                                                "SELECT 'sums.empty'::regclass::oid"))));
        QCOMPARE(value(empty.statistics, QStringLiteral("Partitions")),
                 QStringLiteral("none: the table holds no rows"));
        QCOMPARE(value(empty.statistics, QStringLiteral("Estimated rows")), QStringLiteral("0"));
        m_db->execute(QStringLiteral("DROP SCHEMA sums CASCADE"));
    }

    void viewDependsThroughItsRule()
    {
        const CatalogOid view = oid(QStringLiteral("SELECT 'kinds.parent_codes'::regclass::oid"));
        const ObjectDetails d = ObjectDetailsReader::read(*m_db,
                                                          ref(Kind::View,
                                                              QStringLiteral("kinds"),
                                                              QStringLiteral("parent_codes"),
                                                              view));
        QVERIFY2(d.ddl.startsWith(
                     QStringLiteral("CREATE VIEW kinds.parent_codes AS\n SELECT parent.id,")),
                 qPrintable(d.ddl));
        QVERIFY2(d.ddl.trimmed().endsWith(u';'), qPrintable(d.ddl));
        QVERIFY2(objects(d.dependencies)
                     .contains(QStringLiteral("column code of table kinds.parent")),
                 qPrintable(objects(d.dependencies).join(u'\n')));
        QVERIFY2(!objects(d.dependents).contains(QStringLiteral("view kinds.parent_codes")),
                 qPrintable(objects(d.dependents).join(u'\n')));
        // A column the view reads lists it as a dependent.
        const ObjectDetails code = ObjectDetailsReader::read(*m_db,
                                                             part(Kind::Column,
                                                                  QStringLiteral("parent"),
                                                                  QStringLiteral("code"),
                                                                  0,
                                                                  2));
        QVERIFY2(objects(code.dependents).contains(QStringLiteral("view kinds.parent_codes")),
                 qPrintable(objects(code.dependents).join(u'\n')));
        QCOMPARE(code.ddl,
                 QStringLiteral("ALTER TABLE kinds.parent ADD COLUMN code text COLLATE "
                                "pg_catalog.\"C\" NOT NULL;\n\n"
                                "COMMENT ON COLUMN kinds.parent.code IS 'business key';"));
        QCOMPARE(value(code.properties, QStringLiteral("Nullable")), QStringLiteral("no"));
        QCOMPARE(value(code.properties, QStringLiteral("Collation")), QStringLiteral("C"));
    }

    void routinesTypesSequences()
    {
        const ObjectDetails add
            = ObjectDetailsReader::read(*m_db,
                                        ref(Kind::Function,
                                            QStringLiteral("kinds"),
                                            QStringLiteral("add"),
                                            oid(QStringLiteral(
                                                "SELECT 'kinds.add'::regproc::oid"))));
        QVERIFY2(add.ddl.startsWith(QStringLiteral(
                     "CREATE OR REPLACE FUNCTION kinds.add(a integer, b integer DEFAULT 1)")),
                 qPrintable(add.ddl));
        QCOMPARE(value(add.properties, QStringLiteral("Volatility")), QStringLiteral("IMMUTABLE"));
        QCOMPARE(value(add.properties, QStringLiteral("Language")), QStringLiteral("sql"));

        const ObjectDetails total
            = ObjectDetailsReader::read(*m_db,
                                        ref(Kind::Aggregate,
                                            QStringLiteral("kinds"),
                                            QStringLiteral("total"),
                                            oid(QStringLiteral(
                                                "SELECT 'kinds.total'::regproc::oid"))));
        QCOMPARE(total.ddl,
                 QStringLiteral("CREATE AGGREGATE kinds.total (integer) (\n    SFUNC = int4pl,\n   "
                                " STYPE = integer,\n"
                                "    INITCOND = '0'\n);"));

        const ObjectDetails mood
            = ObjectDetailsReader::read(*m_db,
                                        ref(Kind::Type,
                                            QStringLiteral("kinds"),
                                            QStringLiteral("mood"),
                                            oid(QStringLiteral(
                                                "SELECT 'kinds.mood'::regtype::oid"))));
        QCOMPARE(mood.ddl,
                 QStringLiteral("CREATE TYPE kinds.mood AS ENUM (\n    'sad',\n    'ok',\n    "
                                "'happy',\n    'it''s complicated'\n);"
                                "\n\nCOMMENT ON TYPE kinds.mood IS 'how it went';"));
        QCOMPARE(value(mood.properties, QStringLiteral("Values")),
                 QStringLiteral("sad, ok, happy, it's complicated"));
        QVERIFY(
            objects(mood.dependents).contains(QStringLiteral("column mood of table kinds.parent")));

        const ObjectDetails ticket
            = ObjectDetailsReader::read(*m_db,
                                        ref(Kind::Sequence,
                                            QStringLiteral("kinds"),
                                            QStringLiteral("ticket_seq"),
                                            oid(QStringLiteral(
                                                "SELECT 'kinds.ticket_seq'::regclass::oid"))));
        QCOMPARE(ticket.ddl,
                 QStringLiteral(
                     "CREATE SEQUENCE kinds.ticket_seq AS integer\n    INCREMENT BY 5\n    "
                     "MINVALUE 100\n"
                     "    MAXVALUE 100000\n    START WITH 100\n    CACHE 10\n    CYCLE;"));
        QCOMPARE(value(ticket.statistics, QStringLiteral("Last value")),
                 QStringLiteral("not used yet"));
        QVERIFY(
            objects(ticket.dependents)
                .contains(QStringLiteral("default value for column ticket of table kinds.parent")));
    }

    void partsOfATable()
    {
        const CatalogOid index = oid(QStringLiteral("SELECT 'kinds.child_partial'::regclass::oid"));
        const ObjectDetails partial = ObjectDetailsReader::read(*m_db,
                                                                part(Kind::Index,
                                                                     QStringLiteral("child"),
                                                                     QStringLiteral(
                                                                         "child_partial"),
                                                                     index));
        QCOMPARE(
            partial.ddl,
            QStringLiteral(
                "CREATE INDEX child_partial ON kinds.child USING btree (qty) WHERE (qty > 10);"));
        QCOMPARE(value(partial.properties, QStringLiteral("Partial")), QStringLiteral("yes"));
        QCOMPARE(value(partial.statistics, QStringLiteral("Index scans")), QStringLiteral("0"));

        const CatalogOid constraint = oid(
            QStringLiteral("SELECT oid FROM pg_constraint WHERE conname = 'child_parent_id_fkey'"));
        const ObjectDetails fk = ObjectDetailsReader::read(*m_db,
                                                           part(Kind::Constraint,
                                                                QStringLiteral("child"),
                                                                QStringLiteral(
                                                                    "child_parent_id_fkey"),
                                                                constraint));
        QCOMPARE(fk.ddl,
                 QStringLiteral(
                     "ALTER TABLE kinds.child ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY "
                     "(parent_id) "
                     "REFERENCES kinds.parent(id) ON UPDATE SET NULL ON DELETE CASCADE;"));
        QCOMPARE(value(fk.properties, QStringLiteral("On delete")), QStringLiteral("CASCADE"));
        QVERIFY2(objects(fk.dependencies).contains(QStringLiteral("column id of table kinds.parent")),
                 qPrintable(objects(fk.dependencies).join(u'\n')));

        const CatalogOid trigger = oid(
            QStringLiteral("SELECT oid FROM pg_trigger WHERE tgname = 'child_touch'"));
        const ObjectDetails touch = ObjectDetailsReader::read(*m_db,
                                                              part(Kind::Trigger,
                                                                   QStringLiteral("child"),
                                                                   QStringLiteral("child_touch"),
                                                                   trigger));
        QCOMPARE(touch.ddl,
                 QStringLiteral("CREATE TRIGGER child_touch BEFORE UPDATE ON kinds.child FOR EACH "
                                "ROW EXECUTE FUNCTION kinds.touch();"));
        QVERIFY(objects(touch.dependencies).contains(QStringLiteral("function kinds.touch()")));
    }

    void schemaAndExtension()
    {
        const ObjectDetails schema = ObjectDetailsReader::read(
            *m_db,
            ref(Kind::Schema,
                QString(),
                QStringLiteral("Odd \"Names\""),
                oid(QStringLiteral(
                    "SELECT oid FROM pg_namespace WHERE nspname = 'Odd \"Names\"'"))));
        QCOMPARE(schema.ddl, QStringLiteral("CREATE SCHEMA \"Odd \"\"Names\"\"\";"));
        QCOMPARE(value(schema.statistics, QStringLiteral("Tables")), QStringLiteral("3"));
        const ObjectDetails trgm = ObjectDetailsReader::read(
            *m_db,
            ref(Kind::Extension,
                QString(),
                QStringLiteral("pg_trgm"),
                oid(QStringLiteral("SELECT oid FROM pg_extension WHERE extname = 'pg_trgm'"))));
        QVERIFY2(trgm.ddl.startsWith(QStringLiteral(
                     "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public VERSION '")),
                 qPrintable(trgm.ddl));
        QVERIFY(!value(trgm.properties, QStringLiteral("Available version")).isEmpty());
    }

    void vanishedObjectIsAClearError()
    {
        try {
            (void) ObjectDetailsReader::read(*m_db,
                                             ref(Kind::Sequence,
                                                 QStringLiteral("kinds"),
                                                 QStringLiteral("gone"),
                                                 1));
            QFAIL("a missing object must be reported");
        } catch (const DbException &e) {
            QVERIFY2(e.error().message.contains(QStringLiteral("no longer exists")),
                     qPrintable(e.error().message));
        }
        QCOMPARE(m_db->transactionState(), Connection::TransactionState::Idle);
    }
};

QTEST_GUILESS_MAIN(TestSchemaDetails)
#include "tst_schemadetails.moc"
