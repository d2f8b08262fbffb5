// Slipway's own SQL lints clean: the "new migration" templates in every dialect, the demo's
// migrations and Index Health's fixes, each linted the ways a user lints it (`slipway-cli lint`
// on the folder and on each file alone; a fix as the editor tab it opens in). The few findings
// expected are listed with their reason; anything else fails the test.

#include "db/demodatabase.h"
#include "db/localcluster.h"
#include "db/pgconnection.h"
#include "lint/linter.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationtemplates.h"
#include "schema/indexhealthcheck.h"

#include "clirun.h"
#include "schemafixtures.h"
#include "testfiles.h"
#include "testsandbox.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char OwnDatabase[] = "slipway_lint_own_sql";

// "file:line rule" of a `slipway-cli lint --format json` run, files by name; files whose name
// contains `skip` are left out.
QStringList cliFindings(const QStringList &paths, QString *error, const QString &skip = {})
{
    const TestSandbox::CliRun run = TestSandbox::runCli(
        QStringList{QStringLiteral("lint"), QStringLiteral("--format"), QStringLiteral("json")}
        + paths);
    if (run.exitCode != 0 && run.exitCode != 1)
        *error = QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.err);
    QStringList result;
    for (const QJsonValue &value : QJsonDocument::fromJson(run.stdOut).array()) {
        const QJsonObject finding = value.toObject();
        const QString file = QFileInfo(finding.value(QStringLiteral("file")).toString()).fileName();
        if (!skip.isEmpty() && file.contains(skip))
            continue;
        result.append(QStringLiteral("%1:%2 %3")
                          .arg(file)
                          .arg(finding.value(QStringLiteral("line")).toInt())
                          .arg(finding.value(QStringLiteral("rule")).toString()));
    }
    return result;
}

QHash<QString, QString> placeholders(const MigrationTemplates::Template &t)
{
    QHash<QString, QString> values;
    for (const MigrationTemplates::Parameter &parameter : t.parameters)
        values.insert(parameter.key, parameter.placeholder);
    return values;
}

const QStringList Timeouts{QStringLiteral("require-lock-timeout"),
                           QStringLiteral("require-statement-timeout")};

// The rules a fix is expected to meet, because no statement written without looking at the
// table can avoid them; each of these fixes says so in its own first comment line.
QStringList intendedFindings(const HealthFinding &finding)
{
    using Kind = HealthFinding::Kind;
    // A primary key on an existing table: the identity column fills every row, a rewrite
    // under ACCESS EXCLUSIVE ("Rewrites the table under an exclusive lock").
    if (finding.kind == Kind::NoPrimaryKey)
        return QStringList{QStringLiteral("adding-field-with-default"),
                           QStringLiteral("adding-serial-primary-key-field")}
               + Timeouts;
    // A partitioned table has no CONCURRENTLY for its indexes ("CONCURRENTLY is not
    // available and this blocks … while it runs").
    if (finding.fix.contains(QLatin1String("CREATE INDEX ON")))
        return QStringList{QStringLiteral("require-concurrent-index-creation")} + Timeouts;
    if (finding.fix.contains(QLatin1String("\nDROP INDEX IF EXISTS")))
        return QStringList{QStringLiteral("require-concurrent-index-deletion")} + Timeouts;
    return {};
}

QStringList rulesOf(const QList<Finding> &findings)
{
    QStringList rules;
    for (const Finding &finding : findings)
        rules.append(finding.rule);
    rules.sort();
    return rules;
}

} // namespace

class TestLintOwnSql : public QObject
{
    Q_OBJECT

    QString m_demo;
    QString m_own;

    // What Index Health suggests for a database, checked one fix at a time (the dialog's "Open
    // fix") and all together (its "Open all").
    void checkFixes(const QString &conninfo, int minimumKinds, const QStringList &fixesMade = {})
    {
        PgConnection db(conninfo);
        db.open();
        const QList<HealthFinding> findings = IndexHealthCheck(db).run();
        QSet<int> kinds;
        QStringList parts;
        QList<QPair<int, const HealthFinding *>> firstLines; // of each part in the whole text
        int line = 1;
        for (const HealthFinding &finding : findings) {
            kinds.insert(int(finding.kind));
            // The editor lints a fix as a plain script with the default options.
            const QString alone = QStringLiteral("-- %1\n%2\n").arg(finding.detail, finding.fix);
            QStringList expected = intendedFindings(finding);
            expected.sort();
            Linter linter;
            QCOMPARE(rulesOf(linter.lintFile(QStringLiteral("fix.sql"), alone)), expected);

            const QString part = QStringLiteral("-- %1: %2\n%3")
                                     .arg(HealthFinding::kindLabel(finding.kind),
                                          finding.detail,
                                          finding.fix);
            firstLines.append({line, &finding});
            line += int(part.count(u'\n')) + 2;
            parts.append(part);
        }
        QVERIFY2(kinds.size() >= minimumKinds, qPrintable(QString::number(kinds.size())));
        for (const QString &fix : fixesMade)
            QVERIFY2(parts.join(u'\n').contains(fix), qPrintable(fix));

        // Together they run one by one outside a transaction, so each must survive a second
        // run; only the fixes above may draw findings, and only their own rules. The identity
        // column is not added IF NOT EXISTS on purpose: a second run must not skip a column of
        // that name that is not the key.
        Linter linter;
        const QString all = parts.join(QStringLiteral("\n\n")) + u'\n';
        for (const Finding &finding : linter.lintFile(QStringLiteral("fixes.sql"), all)) {
            const HealthFinding *owner = nullptr;
            for (const auto &[first, health] : std::as_const(firstLines)) {
                if (first <= finding.line)
                    owner = health;
            }
            QVERIFY(owner);
            QStringList allowed = intendedFindings(*owner);
            if (owner->kind == HealthFinding::Kind::NoPrimaryKey)
                allowed.append(QStringLiteral("prefer-robust-stmts"));
            QVERIFY2(allowed.contains(finding.rule),
                     qPrintable(QStringLiteral("%1 at line %2 of\n%3")
                                    .arg(finding.rule)
                                    .arg(finding.line)
                                    .arg(all)));
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(TestSandbox::cliPath()), "SLIPWAY_CLI is not set");
        QString error;
        QVERIFY2(!TestSandbox::conninfo(QStringLiteral("postgres"), &error).isEmpty(),
                 qPrintable(error));
        LocalCluster cluster(TestSandbox::directory());
        m_demo = DemoDatabase::ensure(cluster);
        QVERIFY(!m_demo.isEmpty());

        // Every kind of problem Index Health writes a statement for, partitioned ones included.
        m_own = SchemaFixtures::recreateDatabase(QString::fromLatin1(OwnDatabase), {}, &error);
        QVERIFY2(!m_own.isEmpty(), qPrintable(error));
        PgConnection db(m_own);
        db.open();
        db.execute(QStringLiteral(
            "CREATE SCHEMA own;"
            "CREATE TABLE own.parent (id bigint PRIMARY KEY);"
            "CREATE TABLE own.child (id bigint PRIMARY KEY, parent_id bigint REFERENCES "
            "own.parent, a int, b int, c int);"
            "CREATE INDEX child_a ON own.child (a);"
            "CREATE INDEX child_a_b ON own.child (a, b);"
            "CREATE INDEX child_c ON own.child (c);"
            "CREATE INDEX child_c_again ON own.child (c);"
            "CREATE TABLE own.log (at timestamptz, line text);"
            "CREATE TABLE own.events (id bigint, parent_id bigint REFERENCES own.parent, "
            "at date NOT NULL, note text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);"
            "CREATE TABLE own.events_2024 PARTITION OF own.events "
            "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
            "CREATE INDEX events_note ON own.events (note);"
            "INSERT INTO own.parent SELECT g FROM generate_series(1, 10) g;"
            "INSERT INTO own.child SELECT g, 1 + g % 10, g % 3, g % 5, 1 "
            "FROM generate_series(1, 100) g;"));
        // A unique build that meets duplicates leaves an INVALID index behind.
        QVERIFY_THROWS_EXCEPTION(DbException,
                                 db.execute(QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY "
                                                           "child_c_unique ON own.child (c)")));
    }

    void cleanupTestCase()
    {
        QString error;
        QVERIFY2(SchemaFixtures::dropDatabase(QString::fromLatin1(OwnDatabase), &error),
                 qPrintable(error));
    }

    void templates_data()
    {
        QTest::addColumn<QString>("templateId");
        QTest::addColumn<int>("dialect");
        for (const MigrationTemplates::Template &t : MigrationTemplates::all()) {
            for (MigrationFolder::Dialect dialect : {MigrationFolder::Dialect::Flyway,
                                                     MigrationFolder::Dialect::Seeds,
                                                     MigrationFolder::Dialect::UpDown,
                                                     MigrationFolder::Dialect::Dbmate}) {
                QTest::newRow(
                    qPrintable(t.id + QLatin1Char(' ') + MigrationFolder::dialectName(dialect)))
                    << t.id << int(dialect);
            }
        }
    }

    // Every up script a template writes lints clean in its folder and alone. (Down scripts
    // undo what their up script made, so dropping it is their purpose and the destructive
    // rules speak there by design.)
    void templates()
    {
        QFETCH(QString, templateId);
        QFETCH(int, dialect);
        const auto kind = MigrationFolder::Dialect(dialect);
        QTemporaryDir dir;
        // A first migration making the tables the templates work on; its findings are not
        // Slipway's SQL and are left out.
        const QByteArray create
            = "CREATE SCHEMA IF NOT EXISTS shop;\n"
              "CREATE TABLE shop.customers (id bigint PRIMARY KEY);\n"
              "CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id bigint,\n"
              "    ordered_at timestamptz, loyalty_tier text);\n";
        const QByteArray drop = "DROP TABLE shop.orders;\nDROP TABLE shop.customers;\n";
        switch (kind) {
        case MigrationFolder::Dialect::Flyway:
            TestFiles::write(dir.filePath(QStringLiteral("V1__init.sql")), create);
            TestFiles::write(dir.filePath(QStringLiteral("U1__init.sql")), drop);
            break;
        case MigrationFolder::Dialect::Seeds:
            TestFiles::write(dir.filePath(QStringLiteral("migrations/V001__init.sql")), create);
            TestFiles::write(dir.filePath(QStringLiteral("rollback/R001__init.sql")), drop);
            break;
        case MigrationFolder::Dialect::UpDown:
            TestFiles::write(dir.filePath(QStringLiteral("20200101000000_init.up.sql")), create);
            TestFiles::write(dir.filePath(QStringLiteral("20200101000000_init.down.sql")), drop);
            break;
        default:
            TestFiles::write(dir.filePath(QStringLiteral("20200101000000_init.sql")),
                             "-- migrate:up\n" + create + "\n-- migrate:down\n" + drop);
        }
        MigrationFolder folder = MigrationFolder::read(dir.path());
        QCOMPARE(folder.dialect(), kind);
        const auto all = MigrationTemplates::all();
        const auto t = std::find_if(all.cbegin(), all.cend(), [&](const auto &x) {
            return x.id == templateId;
        });
        QString error;
        const QList<MigrationTemplates::Step> steps = MigrationTemplates::render(templateId,
                                                                                 placeholders(*t),
                                                                                 &error);
        QVERIFY2(!steps.isEmpty(), qPrintable(error));
        QVERIFY2(!MigrationTemplates::write(folder, steps, &error).isEmpty(), qPrintable(error));
        folder = MigrationFolder::read(dir.path());
        QCOMPARE(folder.migrations().size(), 1 + steps.size());

        const QString init = QStringLiteral("init");
        QStringList ups;
        for (const Migration &migration : folder.migrations()) {
            if (!migration.upPath.contains(init))
                ups.append(migration.upPath);
        }
        const QStringList inFolder = cliFindings({dir.path()}, &error, init);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(inFolder.isEmpty(), qPrintable(inFolder.join(u'\n')));
        const QStringList alone = cliFindings(ups, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(alone.isEmpty(), qPrintable(alone.join(u'\n')));
    }

    // The demo's migrations follow the safe patterns; V007 is the one risky migration kept for
    // the linter to flag (resources/demo/README.md), and its finding is the only one.
    void demoMigrations()
    {
        const QString root = TestSandbox::sourceDir()
                             + QStringLiteral("/resources/demo/migrations");
        const QStringList expected{QStringLiteral("V007__index_customers_loyalty_tier.sql:7 "
                                                  "require-concurrent-index-creation")};
        QString error;
        QCOMPARE(cliFindings({root}, &error), expected);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList files;
        const QDir ups(root + QStringLiteral("/migrations"));
        for (const QString &name : ups.entryList({QStringLiteral("V*.sql")}, QDir::Files))
            files.append(ups.filePath(name));
        QCOMPARE(files.size(), 11);
        QCOMPARE(cliFindings(files, &error), expected);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void indexHealthFixes()
    {
        // Partitioned tables, the invalid rebuild and the other kinds, made on purpose.
        checkFixes(m_own,
                   6,
                   {QStringLiteral("CREATE INDEX ON own.events (parent_id);"),
                    QStringLiteral("DROP INDEX IF EXISTS own.events_note;"),
                    QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS own.child_c_unique;\n"
                                   "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS child_c_unique"),
                    QStringLiteral("ALTER TABLE own.log ADD COLUMN id")});
        // The demo's planted problems (read only).
        checkFixes(m_demo, 4);
    }
};

QTEST_GUILESS_MAIN(TestLintOwnSql)
#include "tst_lintownsql.moc"
