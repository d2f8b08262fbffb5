// The audit trail of migration runs: slipway-cli migrate, rollback, baseline and repair record who,
// where (never the password), what, result and duration; dry runs and runs with nothing to do do
// not; `slipway-cli audit` lists it with --json, --db, --action and --since; a trail written
// before entries had an action reads as deploys. Real child processes against the fixture's server.

#include "clirun.h"
#include "deploy/auditlog.h"
#include "migrationfixture.h"
#include "testsandbox.h"

#include "../app/cli/auditcommand.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestAuditCli : public MigrationFixture
{
    Q_OBJECT

    QTemporaryDir m_home;

    QString auditPath() const { return m_home.filePath(QStringLiteral("audit.sqlite")); }

    TestSandbox::CliRun cli(const QString &verb, const QStringList &more = {})
    {
        return TestSandbox::runCli(QStringList{verb, QStringLiteral("--db"), m_conninfo,
                                               QStringLiteral("--dir"), folder()}
                                   + more);
    }

    QJsonArray listed(const QStringList &arguments)
    {
        const TestSandbox::CliRun run
            = TestSandbox::runCli(QStringList{QStringLiteral("audit"), QStringLiteral("--json")}
                                  + arguments);
        if (run.exitCode != 0)
            qWarning("audit: %s", qPrintable(run.err));
        return QJsonDocument::fromJson(run.stdOut).object().value(QStringLiteral("entries")).toArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // The child processes inherit it: nothing is written to the user's own trail.
        qputenv("SLIPWAY_AUDIT_DB", auditPath().toUtf8());
        QString error;
        QVERIFY2(!TestSandbox::conninfo(QStringLiteral("postgres"), &error).isEmpty(), qPrintable(error));
    }

    void runsAreRecordedAndListed()
    {
        fresh();
        QFile::remove(auditPath());
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        file(QStringLiteral("V2__u.sql"), "CREATE TABLE u (id int);\n");
        file(QStringLiteral("U2__u.sql"), "DROP TABLE u;\n");
        // A password in the conninfo must never reach the trail.
        m_conninfo += QStringLiteral(" password=sekrit-audit-word");

        QCOMPARE(cli(QStringLiteral("migrate"), {QStringLiteral("--dry-run")}).exitCode, 0);
        QCOMPARE(listed({}).size(), 0); // a dry run changes nothing
        QCOMPARE(cli(QStringLiteral("migrate")).exitCode, 0);
        QCOMPARE(cli(QStringLiteral("migrate")).exitCode, 0); // nothing to do: not recorded
        QCOMPARE(cli(QStringLiteral("rollback"), {QStringLiteral("--steps"), QStringLiteral("1")}).exitCode, 0);
        file(QStringLiteral("V3__bad.sql"), "ALTER TABLE nosuch ADD COLUMN x int;\n");
        QCOMPARE(cli(QStringLiteral("migrate")).exitCode, 1);

        const QJsonArray all = listed({});
        QCOMPARE(all.size(), 3);
        const QJsonObject failed = all.at(0).toObject(); // newest first
        const QJsonObject rollback = all.at(1).toObject();
        const QJsonObject migrate = all.at(2).toObject();
        QCOMPARE(migrate.value(QStringLiteral("action")).toString(), QStringLiteral("migrate"));
        QCOMPARE(migrate.value(QStringLiteral("origin")).toString(), QStringLiteral("slipway-cli"));
        QCOMPARE(migrate.value(QStringLiteral("outcome")).toString(), QStringLiteral("ok"));
        QCOMPARE(migrate.value(QStringLiteral("migrations")).toArray().size(), 2);
        QVERIFY(migrate.value(QStringLiteral("duration_ms")).toDouble() >= 0);
        QVERIFY(!migrate.value(QStringLiteral("user")).toString().isEmpty());
        const QString target = migrate.value(QStringLiteral("target")).toString();
        QVERIFY2(target.endsWith(QStringLiteral("/mig_runsarerecordedandlisted")), qPrintable(target));
        QCOMPARE(rollback.value(QStringLiteral("action")).toString(), QStringLiteral("rollback"));
        QCOMPARE(rollback.value(QStringLiteral("migrations")).toArray().first().toString(),
                 QStringLiteral("2 u"));
        QCOMPARE(failed.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
        QVERIFY2(failed.value(QStringLiteral("message")).toString().contains(QStringLiteral("nosuch")),
                 qPrintable(failed.value(QStringLiteral("message")).toString()));

        QFile trail(auditPath());
        QVERIFY(trail.open(QIODevice::ReadOnly));
        QVERIFY(!trail.readAll().contains("sekrit-audit-word"));

        // Filters.
        QCOMPARE(listed({QStringLiteral("--action"), QStringLiteral("rollback")}).size(), 1);
        QCOMPARE(listed({QStringLiteral("--db"), m_conninfo}).size(), 3);
        QCOMPARE(listed({QStringLiteral("--db"), QStringLiteral("no_such_database")}).size(), 0);
        QCOMPARE(listed({QStringLiteral("--since"), QStringLiteral("1h")}).size(), 3);
        QCOMPARE(listed({QStringLiteral("--since"), QStringLiteral("2999-01-01")}).size(), 0);
        const TestSandbox::CliRun text = TestSandbox::runCli({QStringLiteral("audit")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("rollback")) && text.out.contains(QStringLiteral("2 u")),
                 qPrintable(text.out));
        QCOMPARE(TestSandbox::runCli({QStringLiteral("audit"), QStringLiteral("--since"), QStringLiteral("soon")}).exitCode, 2);
        QCOMPARE(TestSandbox::runCli({QStringLiteral("audit"), QStringLiteral("--action"), QStringLiteral("drop")}).exitCode, 2);
    }

    void sinceAcceptsDatesTimesAndAges()
    {
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-12-07T12:00:00Z"), Qt::ISODate);
        QCOMPARE(AuditCommand::parseSince(QStringLiteral("30m"), now), now.addSecs(-1800));
        QCOMPARE(AuditCommand::parseSince(QStringLiteral("24h"), now), now.addDays(-1));
        QCOMPARE(AuditCommand::parseSince(QStringLiteral("7d"), now), now.addDays(-7));
        QCOMPARE(AuditCommand::parseSince(QStringLiteral("2026-12-01T10:00:00Z"), now),
                 QDateTime::fromString(QStringLiteral("2026-12-01T10:00:00Z"), Qt::ISODate));
        QCOMPARE(AuditCommand::parseSince(QStringLiteral("2026-12-01"), now).date(), QDate(2026, 12, 1));
        QVERIFY(!AuditCommand::parseSince(QStringLiteral("7 days"), now).isValid());
        QVERIFY(!AuditCommand::parseSince(QStringLiteral(""), now).isValid());
    }

    void trailsWrittenBeforeActionsReadAsDeploys()
    {
        const QString path = m_home.filePath(QStringLiteral("old.sqlite"));
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            old.setDatabaseName(path);
            QVERIFY(old.open());
            QSqlQuery query(old);
            QVERIFY(query.exec(QStringLiteral(
                "CREATE TABLE deploys (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT, finished TEXT, "
                "user TEXT, connection TEXT, folder TEXT, checklist TEXT, outcome TEXT, migrations TEXT, report TEXT)")));
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO deploys (started, finished, user, connection, outcome, migrations, report) VALUES "
                "('2026-11-01T10:00:00.000Z', '2026-11-01T10:01:00.000Z', 'ann', 'app@db1:5432/shop', 'applied', '1 a', '# r')")));
            old.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        AuditLog audit(path);
        QString error;
        const QList<AuditEntry> entries = audit.entries(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().action, QStringLiteral("deploy"));
        QCOMPARE(entries.first().durationMs(), qint64(60000));
        AuditEntry run;
        run.action = QStringLiteral("repair");
        run.started = run.finished = QDateTime::currentDateTimeUtc();
        QCOMPARE(audit.record(run, &error), qint64(2));
        AuditFilter repairs;
        repairs.action = QStringLiteral("repair");
        QCOMPARE(audit.entries(&error, false, repairs).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAuditCli)
#include "tst_auditcli.moc"
