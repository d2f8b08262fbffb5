#include "clirun.h"
#include "schemafixtures.h"
#include "testsandbox.h"

#include "db/demodatabase.h"
#include "db/localcluster.h"
#include "db/pgconnection.h"
#include "db/sqliteconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// `slipway-cli schema` and `slipway-cli health` as scripts run them: a real child process, its
// exit code, stdout and stderr. Expected numbers come from pg_catalog, not from Slipway.
class TestSchemaCli : public QObject
{
    Q_OBJECT

    using Run = TestSandbox::CliRun;

    static Run cli(const QStringList &arguments) { return TestSandbox::runCli(arguments); }

    static QJsonObject named(const QJsonArray &array, const QString &name)
    {
        for (const QJsonValue &value : array) {
            if (value.toObject().value(QStringLiteral("name")).toString() == name)
                return value.toObject();
        }
        return {};
    }

    QString m_kinds;
    QString m_demo;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(TestSandbox::cliPath()), "SLIPWAY_CLI must point at slipway-cli");
        QString error;
        m_kinds = SchemaFixtures::recreateDatabase(QStringLiteral("slipway_schema_cli_kinds"),
                                                   {SchemaFixtures::allKindsScript()},
                                                   &error);
        QVERIFY2(!m_kinds.isEmpty(), qPrintable(error));
        LocalCluster cluster(TestSandbox::directory());
        m_demo = DemoDatabase::ensure(cluster);
    }

    void cleanupTestCase()
    {
        QString error;
        QVERIFY2(SchemaFixtures::dropDatabase(QStringLiteral("slipway_schema_cli_kinds"), &error),
                 qPrintable(error));
    }

    void usageErrors()
    {
        Run run = cli({QStringLiteral("schema")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--db CONNINFO or --sqlite FILE")),
                 qPrintable(run.err));
        run = cli({QStringLiteral("schema"),
                   QStringLiteral("--db"),
                   m_kinds,
                   QStringLiteral("--schema"),
                   QStringLiteral("nope")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("schema \"nope\" not found"))
                     && run.err.contains(QStringLiteral("kinds")),
                 qPrintable(run.err));
        run = cli({QStringLiteral("schema"),
                   QStringLiteral("--db"),
                   QStringLiteral("host=/nonexistent-dir port=1")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("could not connect")), qPrintable(run.err));
        run = cli(
            {QStringLiteral("schema"), QStringLiteral("--db"), QStringLiteral("not a conninfo")});
        QCOMPARE(run.exitCode, 2);
        run = cli({QStringLiteral("health")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--db CONNINFO is required")), qPrintable(run.err));
        run = cli({QStringLiteral("health"),
                   QStringLiteral("--db"),
                   m_kinds,
                   QStringLiteral("--min-rows"),
                   QStringLiteral("many")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--min-rows expects a whole number")),
                 qPrintable(run.err));
        run = cli({QStringLiteral("--help")});
        QVERIFY(run.out.contains(QStringLiteral("schema"))
                && run.out.contains(QStringLiteral("health")));
    }

    void schemaJson()
    {
        const Run run = cli(
            {QStringLiteral("schema"), QStringLiteral("--db"), m_kinds, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError parseError;
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8(), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        const QJsonArray schemas = root.value(QStringLiteral("schemas")).toArray();
        const QJsonObject kinds = named(schemas, QStringLiteral("kinds"));
        QVERIFY(!kinds.isEmpty());
        QVERIFY(!named(schemas, QStringLiteral("Odd \"Names\"")).isEmpty());
        QVERIFY(named(schemas, QStringLiteral("pg_catalog")).isEmpty());

        const QJsonArray tables = kinds.value(QStringLiteral("tables")).toArray();
        // parent, child, events + its two partitions, scratch, remote
        QCOMPARE(tables.size(), 7);
        const QJsonObject parent = named(tables, QStringLiteral("parent"));
        QCOMPARE(parent.value(QStringLiteral("kind")).toString(), QStringLiteral("table"));
        const QJsonObject id = parent.value(QStringLiteral("columns")).toArray().at(0).toObject();
        QCOMPARE(id.value(QStringLiteral("name")).toString(), QStringLiteral("id"));
        QCOMPARE(id.value(QStringLiteral("type")).toString(), QStringLiteral("bigint"));
        QCOMPARE(id.value(QStringLiteral("nullable")).toBool(true), false);
        QVERIFY(id.value(QStringLiteral("default")).isNull());
        const QJsonObject label = named(parent.value(QStringLiteral("columns")).toArray(),
                                        QStringLiteral("label"));
        QCOMPARE(label.value(QStringLiteral("default")).toString(), QStringLiteral("'none'::text"));
        QCOMPARE(label.value(QStringLiteral("nullable")).toBool(), true);
        const QJsonObject pkey = named(parent.value(QStringLiteral("indexes")).toArray(),
                                       QStringLiteral("parent_pkey"));
        QCOMPARE(pkey.value(QStringLiteral("definition")).toString(),
                 QStringLiteral(
                     "CREATE UNIQUE INDEX parent_pkey ON kinds.parent USING btree (id)"));
        QCOMPARE(pkey.value(QStringLiteral("unique")).toBool(), true);
        QCOMPARE(pkey.value(QStringLiteral("valid")).toBool(), true);
        const QJsonArray childConstraints
            = named(tables, QStringLiteral("child")).value(QStringLiteral("constraints")).toArray();
        const QJsonObject notValid = named(childConstraints, QStringLiteral("child_qty_small"));
        QCOMPARE(notValid.value(QStringLiteral("type")).toString(), QStringLiteral("c"));
        QCOMPARE(notValid.value(QStringLiteral("validated")).toBool(true), false);
        QCOMPARE(named(childConstraints, QStringLiteral("child_parent_id_fkey"))
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("f"));
        QCOMPARE(named(tables, QStringLiteral("child"))
                     .value(QStringLiteral("triggers"))
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(named(tables, QStringLiteral("events")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("partitioned"));
        QCOMPARE(named(tables, QStringLiteral("events_2024"))
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("partition"));
        QCOMPARE(named(tables, QStringLiteral("events_2024"))
                     .value(QStringLiteral("parent"))
                     .toString(),
                 QStringLiteral("kinds.events"));
        QCOMPARE(named(tables, QStringLiteral("remote")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("foreign"));

        QCOMPARE(kinds.value(QStringLiteral("views")).toArray().size(), 1);
        QCOMPARE(kinds.value(QStringLiteral("materialized_views")).toArray().size(), 1);
        QCOMPARE(kinds.value(QStringLiteral("sequences")).toArray().size(), 3);
        const QJsonObject add = named(kinds.value(QStringLiteral("functions")).toArray(),
                                      QStringLiteral("add"));
        QCOMPARE(add.value(QStringLiteral("signature")).toString(),
                 QStringLiteral("add(a integer, b integer)"));
        QCOMPARE(named(kinds.value(QStringLiteral("functions")).toArray(),
                       QStringLiteral("reset_scratch"))
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("procedure"));
        const QJsonArray types = kinds.value(QStringLiteral("types")).toArray();
        QCOMPARE(named(types, QStringLiteral("mood")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("enum"));
        QCOMPARE(named(types, QStringLiteral("pair")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("composite"));
        QCOMPARE(named(types, QStringLiteral("positive")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("domain"));
        const QJsonArray extensions = root.value(QStringLiteral("extensions")).toArray();
        QVERIFY(!named(extensions, QStringLiteral("plpgsql"))
                     .value(QStringLiteral("version"))
                     .toString()
                     .isEmpty());

        // --schema keeps exactly one; weird names pass through the command line intact.
        const Run odd = cli({QStringLiteral("schema"),
                             QStringLiteral("--db"),
                             m_kinds,
                             QStringLiteral("--schema"),
                             QStringLiteral("Odd \"Names\""),
                             QStringLiteral("--json")});
        QCOMPARE(odd.exitCode, 0);
        const QJsonArray only = QJsonDocument::fromJson(odd.out.toUtf8())
                                    .object()
                                    .value(QStringLiteral("schemas"))
                                    .toArray();
        QCOMPARE(only.size(), 1);
        QVERIFY(!named(only.at(0).toObject().value(QStringLiteral("tables")).toArray(),
                       QStringLiteral("Table \"Quoted\" Name"))
                     .isEmpty());
        QVERIFY(!named(only.at(0).toObject().value(QStringLiteral("tables")).toArray(),
                       QStringLiteral("Σχήμα"))
                     .isEmpty());
    }

    // The demo database's counts, as pg_catalog has them.
    void schemaCountsOnDemo()
    {
        const Run run = cli({QStringLiteral("schema"),
                             QStringLiteral("--db"),
                             m_demo,
                             QStringLiteral("--schema"),
                             QStringLiteral("shop"),
                             QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject shop = QJsonDocument::fromJson(run.out.toUtf8())
                                     .object()
                                     .value(QStringLiteral("schemas"))
                                     .toArray()
                                     .at(0)
                                     .toObject();
        PgConnection db(m_demo);
        db.open();
        auto count = [&db](const QString &sql) { return db.fetchAll(sql).text(0, 0).toInt(); };
        QCOMPARE(shop.value(QStringLiteral("tables")).toArray().size(),
                 count(QStringLiteral("SELECT count(*) FROM pg_class WHERE relnamespace = "
                                      "'shop'::regnamespace AND relkind IN ('r','p','f')")));
        QCOMPARE(shop.value(QStringLiteral("views")).toArray().size(),
                 count(QStringLiteral("SELECT count(*) FROM pg_class WHERE relnamespace = "
                                      "'shop'::regnamespace AND relkind = 'v'")));
        int columns = 0;
        for (const QJsonValue &table : shop.value(QStringLiteral("tables")).toArray())
            columns += table.toObject().value(QStringLiteral("columns")).toArray().size();
        QCOMPARE(columns,
                 count(QStringLiteral(
                     "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                     "WHERE c.relnamespace = 'shop'::regnamespace AND c.relkind IN ('r','p','f') "
                     "AND a.attnum > 0 AND NOT a.attisdropped")));
        // The partitioned orders table reports its partitions' rows, and says so.
        const QJsonObject orders = named(shop.value(QStringLiteral("tables")).toArray(),
                                         QStringLiteral("orders"));
        QCOMPARE(orders.value(QStringLiteral("estimated_rows_source")).toString(),
                 QStringLiteral("sum_of_partitions"));
        QCOMPARE(orders.value(QStringLiteral("estimated_rows")).toInteger(),
                 db.fetchAll(QStringLiteral("SELECT sum(c.reltuples)::bigint FROM "
                                            "pg_partition_tree('shop.orders') t JOIN pg_class c "
                                            "ON c.oid = t.relid WHERE t.isleaf"))
                     .text(0, 0)
                     .toLongLong());
        QVERIFY(!named(shop.value(QStringLiteral("tables")).toArray(), QStringLiteral("orders_2024"))
                     .contains(QStringLiteral("estimated_rows_source")));
    }

    void schemaText()
    {
        const Run run = cli({QStringLiteral("schema"),
                             QStringLiteral("--db"),
                             m_kinds,
                             QStringLiteral("--filter"),
                             QStringLiteral("parent")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("  table parent\n")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("    code text NOT NULL\n")), qPrintable(run.out));
        QVERIFY2(!run.out.contains(QStringLiteral("table child")), qPrintable(run.out));
    }

    void schemaSqlite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.sqlite"));
        {
            SqliteConnection db(path, SqliteConnection::OpenMode::CreateIfMissing);
            db.open();
            db.execute(
                QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
            db.execute(QStringLiteral("CREATE INDEX t_name ON t (name)"));
        }
        const Run run = cli(
            {QStringLiteral("schema"), QStringLiteral("--sqlite"), path, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject main = QJsonDocument::fromJson(run.out.toUtf8())
                                     .object()
                                     .value(QStringLiteral("schemas"))
                                     .toArray()
                                     .at(0)
                                     .toObject();
        QCOMPARE(main.value(QStringLiteral("name")).toString(), QStringLiteral("main"));
        const QJsonObject t = named(main.value(QStringLiteral("tables")).toArray(),
                                    QStringLiteral("t"));
        QCOMPARE(t.value(QStringLiteral("columns")).toArray().size(), 2);
        QCOMPARE(named(t.value(QStringLiteral("indexes")).toArray(), QStringLiteral("t_name"))
                     .value(QStringLiteral("definition"))
                     .toString(),
                 QStringLiteral("CREATE INDEX t_name ON t (name)"));
        const Run missing = cli({QStringLiteral("schema"),
                                 QStringLiteral("--sqlite"),
                                 dir.filePath(QStringLiteral("no/such/dir/x.sqlite"))});
        QCOMPARE(missing.exitCode, 2);
        // A mistyped name next to real files is an error too, not a new empty database.
        const QString typo = dir.filePath(QStringLiteral("t.sqlite3"));
        const Run absent = cli({QStringLiteral("schema"), QStringLiteral("--sqlite"), typo});
        QCOMPARE(absent.exitCode, 2);
        QVERIFY2(absent.err.contains(typo), qPrintable(absent.err));
        QVERIFY(!QFile::exists(typo));
    }

    void healthOnDemo()
    {
        const Run run = cli(
            {QStringLiteral("health"), QStringLiteral("--db"), m_demo, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1); // findings
        const QJsonArray findings = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QStringList seen;
        for (const QJsonValue &value : findings) {
            const QJsonObject f = value.toObject();
            QVERIFY(!f.value(QStringLiteral("detail")).toString().isEmpty());
            QVERIFY(!f.value(QStringLiteral("fix")).toString().isEmpty());
            seen << f.value(QStringLiteral("kind")).toString() + u' '
                        + f.value(QStringLiteral("object")).toString();
        }
        for (const QString &planted :
             {QStringLiteral("fk_without_index shop.order_items_product_id_fkey"),
              QStringLiteral("unused_index shop.idx_customers_country_created_at"),
              QStringLiteral("duplicate_index shop.idx_products_category_dup"),
              QStringLiteral("no_primary_key shop.order_events")})
            QVERIFY2(seen.contains(planted),
                     qPrintable(planted + QStringLiteral(" not in\n") + seen.join(u'\n')));

        const Run text = cli({QStringLiteral("health"), QStringLiteral("--db"), m_demo});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains(
                     QStringLiteral("CREATE INDEX CONCURRENTLY ON shop.order_items (product_id);")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("findings\n")), qPrintable(text.out));
        // Unused indexes are judged from counters: the report says since when they run.
        QVERIFY2(text.out.startsWith(QStringLiteral("Usage counters ")), qPrintable(text.out));
    }

    void healthCleanDatabaseExitsZero()
    {
        QString error;
        const QString clean = SchemaFixtures::recreateDatabase(QStringLiteral(
                                                                   "slipway_schema_cli_clean"),
                                                               {},
                                                               &error);
        QVERIFY2(!clean.isEmpty(), qPrintable(error));
        {
            PgConnection db(clean);
            db.open();
            db.execute(QStringLiteral("CREATE TABLE ok (id int PRIMARY KEY)"));
        }
        const Run run = cli(
            {QStringLiteral("health"), QStringLiteral("--db"), clean, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 0);
        QVERIFY2(SchemaFixtures::dropDatabase(QStringLiteral("slipway_schema_cli_clean"), &error),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSchemaCli)
#include "tst_schemacli.moc"
