// Round trips with Drizzle's real migrator (npm "drizzle-orm" with node-postgres, run through
// the slipway-drizzle.cjs runner scripts/interop-tools writes into its cache folder) on the
// fixture's server: what Slipway applies, the migrator sees as applied and does not run again;
// what the migrator applies, slipway-cli status shows; and the merge-order case the migrator
// gets wrong: a migration whose journal "when" is older than the newest applied one is skipped
// without a word by Drizzle, while Slipway reports it out of order. Label "interop":
// scripts/test installs the tool first; a missing tool fails this suite with the installer's
// reason.

#include "clirun.h"
#include "interoptools.h"
#include "migrationfixture.h"
#include "testsandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

using ToolRun = InteropTools::Run;

QByteArray entry(int idx, qint64 when, const char *tag)
{
    return QByteArray("{\"idx\":") + QByteArray::number(idx) + ",\"version\":\"7\",\"when\":"
           + QByteArray::number(when) + ",\"tag\":\"" + tag + "\",\"breakpoints\":true}";
}

// The hash Drizzle records for 0000_create_a.sql below, computed with python3:
//   hashlib.sha256(b'CREATE TABLE a (id int);\n--> statement-breakpoint\n'
//                  b'CREATE INDEX a_id ON a (id);\n').hexdigest()
const QString aHash = QStringLiteral(
    "43aa8623aa0f17dd1f5d1648dadfeca26c9fa119c170aa6a60f7fb36c332bc6d");

} // namespace

class TestInteropDrizzle : public MigrationFixture
{
    Q_OBJECT

    QString m_runner;

    // The runner takes libpq's variables; the sandbox listens on its socket only.
    ToolRun drizzle(const QStringList &arguments)
    {
        return InteropTools::run(QStringLiteral("node"),
                                 QStringList{m_runner} + arguments,
                                 InteropTools::libpqEnvironment(m_conninfo));
    }

    ToolRun drizzleMigrate() { return drizzle({QStringLiteral("migrate"), folder()}); }
    ToolRun drizzleStatus() { return drizzle({QStringLiteral("status")}); }

    QStringList slipway(const QString &verb) const
    {
        return InteropTools::slipway(verb, m_conninfo, folder());
    }

    QStringList slipwayStates() { return InteropTools::slipwayStates(m_conninfo, folder()); }

    TestSandbox::CliRun slipwayRun(const QStringList &arguments)
    {
        const TestSandbox::CliRun run = TestSandbox::runCli(arguments);
        if (run.exitCode != 0)
            qWarning().noquote() << run.out << run.err;
        return run;
    }

    bool relationExists(const QString &name)
    {
        return value(QStringLiteral("SELECT to_regclass('%1') IS NOT NULL").arg(name))
               == QLatin1String("t");
    }

    // Three drizzle-kit migrations (statement breakpoints and all), a rollback for each.
    void folderOfThree(bool withB = true)
    {
        file(QStringLiteral("0000_create_a.sql"),
             "CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE INDEX a_id ON a (id);\n");
        file(QStringLiteral("0000_create_a.down.sql"), "DROP TABLE a;\n");
        file(QStringLiteral("0002_create_c.sql"), "CREATE TABLE c (id int);\n");
        file(QStringLiteral("0002_create_c.down.sql"), "DROP TABLE c;\n");
        QByteArray entries = entry(0, 1700000001000, "0000_create_a");
        if (withB) {
            file(QStringLiteral("0001_create_b.sql"), "CREATE TABLE b (id int);\n");
            file(QStringLiteral("0001_create_b.down.sql"), "DROP TABLE b;\n");
            entries += ",\n" + entry(1, 1700000002000, "0001_create_b");
        }
        entries += ",\n" + entry(2, 1700000003000, "0002_create_c");
        file(QStringLiteral("meta/_journal.json"),
             "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[\n" + entries + "\n]}\n");
    }

private slots:
    void initTestCase()
    {
        m_databasePrefix = QStringLiteral("interop_drizzle_");
        m_defaultTool.reset();
        QString error;
        m_runner = InteropTools::locate(QStringLiteral("drizzle"), &error);
        QVERIFY2(!m_runner.isEmpty(), qPrintable(error));
    }

    void init() { fresh(); }

    void appliedBySlipwaySeenByDrizzle()
    {
        folderOfThree();
        QCOMPARE(slipwayRun(slipway(QStringLiteral("migrate"))).exitCode, 0);
        const QString rows = value(QStringLiteral(
            "SELECT string_agg(id || ' ' || created_at || ' ' || hash, ',' ORDER BY id) "
            "FROM drizzle.__drizzle_migrations"));
        // The migrator runs nothing (CREATE TABLE a again would fail) and adds no row.
        const ToolRun migrate = drizzleMigrate();
        QVERIFY2(migrate.exitCode == 0, qPrintable(migrate.output));
        const ToolRun status = drizzleStatus();
        QVERIFY2(status.exitCode == 0 && status.output.contains(QStringLiteral("applied: 3")),
                 qPrintable(status.output));
        QCOMPARE(value(QStringLiteral(
                     "SELECT string_agg(id || ' ' || created_at || ' ' || hash, ',' ORDER BY id) "
                     "FROM drizzle.__drizzle_migrations")),
                 rows);
        QVERIFY2(status.output.contains(QStringLiteral("1\t1700000001000\t") + aHash),
                 qPrintable(status.output));
    }

    void appliedByDrizzleSeenBySlipway()
    {
        folderOfThree();
        const ToolRun migrate = drizzleMigrate();
        QVERIFY2(migrate.exitCode == 0, qPrintable(migrate.output));
        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("drizzle"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied")}));
        // Slipway rolls the newest back; the migrator, seeing an older newest row, runs it again.
        QCOMPARE(slipwayRun(slipway(QStringLiteral("rollback"))
                            << QStringLiteral("--steps") << QStringLiteral("1"))
                     .exitCode,
                 0);
        QVERIFY(!relationExists(QStringLiteral("c")));
        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("drizzle"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied"),
                              QStringLiteral("pending")}));
        const ToolRun again = drizzleMigrate();
        QVERIFY2(again.exitCode == 0, qPrintable(again.output));
        QVERIFY(relationExists(QStringLiteral("c")));
        QCOMPARE(slipwayStates().count(QStringLiteral("applied")), 3);
    }

    // A migration merged in from a branch after a newer one was applied: Drizzle's migrator
    // compares only the newest created_at, so it skips it and says all is well.
    void mergeOrderSkippedByDrizzleReportedBySlipway()
    {
        folderOfThree(false);
        QVERIFY2(drizzleMigrate().exitCode == 0, "the first migrate failed");
        folderOfThree(true);
        const ToolRun migrate = drizzleMigrate();
        QVERIFY2(migrate.exitCode == 0 && migrate.output.contains(QStringLiteral("applied")),
                 qPrintable(migrate.output));
        QVERIFY(!relationExists(QStringLiteral("b"))); // skipped, silently
        QVERIFY(drizzleStatus().output.contains(QStringLiteral("applied: 2")));

        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("drizzle"),
                              QStringLiteral("applied"),
                              QStringLiteral("out_of_order"),
                              QStringLiteral("applied")}));
        const TestSandbox::CliRun refused = TestSandbox::runCli(slipway(QStringLiteral("migrate")));
        QVERIFY(refused.exitCode != 0);
        QVERIFY2((refused.out + refused.err).contains(QStringLiteral("0001 create b")),
                 qPrintable(refused.out + refused.err));
        QCOMPARE(slipwayRun(slipway(QStringLiteral("migrate"))
                            << QStringLiteral("--allow-out-of-order"))
                     .exitCode,
                 0);
        QVERIFY(relationExists(QStringLiteral("b")));
        // Recorded as the migrator would have: Drizzle now counts three, and runs nothing.
        QVERIFY(drizzleStatus().output.contains(QStringLiteral("applied: 3")));
        QCOMPARE(drizzleMigrate().exitCode, 0);
        QCOMPARE(slipwayStates().count(QStringLiteral("applied")), 3);
    }
};

QTEST_GUILESS_MAIN(TestInteropDrizzle)
#include "tst_interopdrizzle.moc"
