// The deploy checklist's automated checks against the fixture server (target and rehearsal
// databases side by side), the go / no-go rule, the saved session, the report and the audit log.

#include "db/pgconnection.h"
#include "deploy/auditlog.h"
#include "deploy/deploychecks.h"
#include "deploy/deployreport.h"
#include "testsandbox.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

namespace {

using TestFiles::write;

Checklist checklist(const QByteArray &items)
{
    QString error;
    const Checklist result = Checklist::fromJson("{\"name\": \"Test\", \"items\": [" + items + "]}", QStringLiteral("test"), &error);
    if (!result.isValid())
        qWarning("%s", qPrintable(error));
    return result;
}

} // namespace

class TestDeploy : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_admin;
    QString m_server;
    QTemporaryDir m_work;

    // A small shop: a target database and a migration folder for it.
    DeployTarget makeTarget(const QString &database, QTemporaryDir &folder)
    {
        m_admin->execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));
        m_admin->execute(QStringLiteral("CREATE DATABASE %1").arg(database));
        DeployTarget target;
        target.conninfo = TestSandbox::conninfo(database);
        target.displayName = database;
        target.migrationDirectory = folder.path();
        PgConnection db(target.conninfo);
        db.open();
        db.execute(QStringLiteral("CREATE TABLE accounts (id int PRIMARY KEY, email text);"
                                  "INSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 3000) g;"
                                  "CREATE TABLE audit_trail (id bigserial PRIMARY KEY, note text);"
                                  "INSERT INTO audit_trail (note) SELECT 'n' FROM generate_series(1, 120) g;"));
        write(folder.filePath(QStringLiteral("V1__add_name.sql")), "ALTER TABLE accounts ADD COLUMN name text;\n");
        write(folder.filePath(QStringLiteral("U1__add_name.sql")), "ALTER TABLE accounts DROP COLUMN name;\n");
        write(folder.filePath(QStringLiteral("V2__email_index.sql")), "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n");
        write(folder.filePath(QStringLiteral("U2__email_index.sql")), "DROP INDEX CONCURRENTLY accounts_email;\n");
        return target;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_server = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!m_server.isEmpty(), qPrintable(error));
        m_admin = std::make_unique<PgConnection>(m_server);
        m_admin->open();
    }

    void everyCheckOnAHealthyDeploy()
    {
        QTemporaryDir folder;
        const DeployTarget target = makeTarget(QStringLiteral("deploy_ok"), folder);
        write(folder.filePath(QStringLiteral("verify/accounts.sql")), "SELECT 1 / (count(*) > 0)::int FROM accounts;\n");
        DeploySession session(target, checklist(
            R"({"id": "pending", "title": "Pending", "kind": "pending"},
               {"id": "lint", "title": "Lint", "kind": "lint-clean"},
               {"id": "impact", "title": "Impact", "kind": "impact"},
               {"id": "rehearsal", "title": "Rehearsal", "kind": "rehearsal"},
               {"id": "backup", "title": "Backup", "kind": "backup"},
               {"id": "ok", "title": "Approval", "kind": "manual"},
               {"id": "verify", "title": "Verify", "kind": "verify", "phase": "verify"})"));
        DeployChecks checks(target, m_work.filePath(QStringLiteral("ok")), m_server);
        checks.setRehearsalDatabase(QStringLiteral("deploy_ok_rehearsal"));
        QList<QPair<QString, int>> progress;
        QHash<QString, QList<QPair<QString, int>>> progressOf;
        checks.setProgress([&](const QString &step, int percent) { progress.append({step, percent}); });
        QStringList order;
        checks.runPhase(session, ChecklistItem::Phase::Prepare, [&](const ChecklistItem &item, const CheckResult &) {
            order << item.id;
            progressOf.insert(item.id, std::exchange(progress, {}));
        });
        // Dependencies first: the rehearsal runs on the restored backup, the impact uses its timings.
        QCOMPARE(order, QStringList({QStringLiteral("pending"), QStringLiteral("lint"), QStringLiteral("backup"),
                                     QStringLiteral("rehearsal"), QStringLiteral("impact")}));
        for (const QString &id : std::as_const(order))
            QVERIFY2(session.result(id).passed(), qPrintable(id + QStringLiteral(": ") + session.result(id).summary
                                                             + QLatin1Char('\n') + session.result(id).evidence));
        QVERIFY(session.result(QStringLiteral("pending")).summary.startsWith(QStringLiteral("2 migration")));
        QVERIFY(session.result(QStringLiteral("pending")).evidence.contains(QStringLiteral("AccessExclusiveLock public.accounts")));
        QVERIFY(session.result(QStringLiteral("backup")).summary.contains(QStringLiteral("3,120 rows")));
        QVERIFY(QFile::exists(checks.dumpPath()));
        QVERIFY(session.result(QStringLiteral("impact")).evidence.contains(QStringLiteral("public.accounts")));
        QVERIFY(session.result(QStringLiteral("impact")).evidence.contains(QStringLiteral("Expected duration:** ")));

        // Progress: the dump by bytes written (length unknown: -1), the restore by bytes read
        // from 50 % to 90 %, the rehearsal from 55 % on; never backwards within a check.
        const auto percents = [&](const QString &id, const QString &containing) {
            QList<int> found;
            for (const auto &step : progressOf.value(id)) {
                if (step.first.contains(containing))
                    found << step.second;
            }
            return found;
        };
        QVERIFY(!percents(QStringLiteral("backup"), QStringLiteral("written")).isEmpty());
        QVERIFY(percents(QStringLiteral("backup"), QStringLiteral("written")).count(-1)
                == percents(QStringLiteral("backup"), QStringLiteral("written")).size());
        const QList<int> restore = percents(QStringLiteral("backup"), QStringLiteral(" of "));
        QVERIFY(restore.size() >= 2);
        QCOMPARE(restore.first(), 50);
        QCOMPARE(restore.last(), 90);
        const QList<int> rehearsal = percents(QStringLiteral("rehearsal"), QString());
        QVERIFY(rehearsal.size() >= 3);
        for (const QList<int> &steps : {restore, rehearsal}) {
            for (qsizetype i = 1; i < steps.size(); ++i)
                QVERIFY2(steps.at(i) >= steps.at(i - 1) && steps.at(i) <= 100, "progress went backwards");
        }
        QVERIFY(rehearsal.first() >= 55);

        // The manual item is still open: no-go, and it says why.
        DeploySession::Decision decision = session.decision();
        QVERIFY(!decision.go);
        QCOMPARE(decision.blockers, QStringList({QStringLiteral("Approval: not signed off")}));
        session.sign(QStringLiteral("ok"), {QStringLiteral("Ann"), QStringLiteral("PR 7"), QDateTime::currentDateTimeUtc()});
        QVERIFY(session.decision().go);

        const DeployExecution execution = checks.apply();
        QCOMPARE(execution.outcome, DeployExecution::Outcome::Applied);
        QCOMPARE(execution.applied.size(), 2);
        checks.runPhase(session, ChecklistItem::Phase::Verify);
        QVERIFY2(session.result(QStringLiteral("verify")).passed(), qPrintable(session.result(QStringLiteral("verify")).summary));
        QVERIFY(session.result(QStringLiteral("verify")).evidence.contains(QStringLiteral("verify/accounts.sql")));
        QVERIFY(session.verification().go);

        // The report names everything that happened and never the password.
        DeployTarget withPassword = target;
        withPassword.conninfo += QStringLiteral(" password=s3cret-pw");
        DeploySession reported(withPassword, session.checklist());
        for (const ChecklistItem &item : session.checklist().items()) {
            reported.setResult(item.id, session.result(item.id));
            reported.sign(item.id, session.signOff(item.id));
        }
        const QString markdown = DeployReport::markdown(reported, execution, QStringLiteral("tester"));
        QVERIFY(markdown.contains(QStringLiteral("**Outcome:** applied")));
        QVERIFY(markdown.contains(QStringLiteral("signed by Ann")));
        QVERIFY(markdown.contains(QStringLiteral("1 add name")));
        QVERIFY(markdown.contains(QStringLiteral("Backup verified")));
        QVERIFY(!markdown.contains(QStringLiteral("s3cret-pw")));
        QVERIFY(!QJsonDocument(reported.toJson()).toJson().contains("s3cret-pw"));
        for (const QString &name : {QStringLiteral("report.md"), QStringLiteral("report.html")}) {
            QString error;
            QVERIFY2(DeployReport::write(m_work.filePath(name), markdown, &error), qPrintable(error));
            QFile file(m_work.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains("Backup verified"));
        }
        QString error;
        QVERIFY2(DeployReport::write(m_work.filePath(QStringLiteral("report.pdf")), markdown, &error), qPrintable(error));
        QFile pdf(m_work.filePath(QStringLiteral("report.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 2000);
        QVERIFY(!DeployReport::write(m_work.filePath(QStringLiteral("report.doc")), markdown, &error));
        QVERIFY(error.contains(QStringLiteral(".pdf")));
    }

    void rollbackThatLeavesSomethingBehindFails()
    {
        QTemporaryDir folder;
        const DeployTarget target = makeTarget(QStringLiteral("deploy_leaky"), folder);
        // The down script forgets the column's index.
        write(folder.filePath(QStringLiteral("V3__tier.sql")),
              "ALTER TABLE accounts ADD COLUMN tier text;\nCREATE INDEX accounts_tier ON accounts (tier);\n");
        write(folder.filePath(QStringLiteral("U3__tier.sql")), "DROP INDEX accounts_tier;\n");
        DeploySession session(target, checklist(R"({"id": "backup", "title": "Backup", "kind": "backup"},
                                                   {"id": "rehearsal", "title": "Rehearsal", "kind": "rehearsal"})"));
        DeployChecks checks(target, m_work.filePath(QStringLiteral("leaky")), m_server);
        checks.setRehearsalDatabase(QStringLiteral("deploy_leaky_rehearsal"));
        checks.runPhase(session, ChecklistItem::Phase::Prepare);
        QVERIFY2(session.result(QStringLiteral("backup")).passed(), qPrintable(session.result(QStringLiteral("backup")).summary));
        const CheckResult rehearsal = session.result(QStringLiteral("rehearsal"));
        QCOMPARE(rehearsal.status, CheckResult::Status::Failed);
        QVERIFY2(rehearsal.summary.contains(QStringLiteral("does not give back the schema")), qPrintable(rehearsal.summary));
        QVERIFY2(rehearsal.evidence.contains(QStringLiteral("+ column public.accounts.tier text")), qPrintable(rehearsal.evidence));
        QVERIFY(!session.decision().go);
        // The target itself was never touched.
        PgConnection db(target.conninfo);
        db.open();
        QCOMPARE(db.fetchAll(QStringLiteral("SELECT to_regclass('slipway.schema_history') IS NULL")).text(0, 0), QStringLiteral("t"));
    }

    void lintErrorsNeedASignOff()
    {
        QTemporaryDir folder;
        const DeployTarget target = makeTarget(QStringLiteral("deploy_lint"), folder);
        write(folder.filePath(QStringLiteral("V3__blocking_index.sql")), "CREATE INDEX accounts_email_plain ON accounts (email);\n");
        // Big enough that the linter does not downgrade the lock finding for a small table.
        PgConnection db(target.conninfo);
        db.open();
        db.execute(QStringLiteral("INSERT INTO accounts SELECT g, 'more' || g FROM generate_series(3001, 15000) g; ANALYZE accounts"));
        DeploySession session(target, checklist(R"({"id": "lint", "title": "Lint", "kind": "lint-clean"},
                                                   {"id": "impact", "title": "Impact", "kind": "impact"})"));
        DeployChecks checks(target, m_work.filePath(QStringLiteral("lint")), m_server);
        checks.runPhase(session, ChecklistItem::Phase::Prepare);
        CheckResult lint = session.result(QStringLiteral("lint"));
        QVERIFY2(lint.status == CheckResult::Status::Failed, qPrintable(lint.summary));
        const QString key = DeploySession::lintKey(QStringLiteral("require-concurrent-index-creation"), QStringLiteral("V3__blocking_index.sql"), 1);
        QVERIFY2(lint.evidence.contains(key), qPrintable(lint.evidence));
        // U3 is missing: V3 is the point of no return.
        QCOMPARE(session.result(QStringLiteral("impact")).status, CheckResult::Status::Warning);
        QVERIFY2(session.result(QStringLiteral("impact")).summary.contains(QStringLiteral("3 blocking index has no rollback")),
                 qPrintable(session.result(QStringLiteral("impact")).summary));
        session.signLint(key, {QStringLiteral("Ann"), QStringLiteral("3,000 rows; takes a second"), QDateTime::currentDateTimeUtc()});
        lint = checks.run(QStringLiteral("lint-clean"), session);
        QCOMPARE(lint.status, CheckResult::Status::Passed);
        QVERIFY(lint.evidence.contains(QStringLiteral("accepted by Ann")));
    }

    void sessionResumesFromJson()
    {
        QString error;
        DeployTarget target;
        target.conninfo = QStringLiteral("host=db1 dbname=shop user=app password=hunter2");
        target.migrationDirectory = QStringLiteral("/srv/migrations");
        target.dialect = MigrationFolder::Dialect::Flyway;
        target.production = true;
        DeploySession session(target, Checklist::fromTemplate(QStringLiteral("pre-migration"), &error));
        CheckResult backup;
        backup.status = CheckResult::Status::Passed;
        backup.summary = QStringLiteral("Backup verified");
        session.setResult(QStringLiteral("backup"), backup);
        CheckResult running;
        running.status = CheckResult::Status::Running;
        session.setResult(QStringLiteral("rehearsal"), running);
        session.sign(QStringLiteral("approval"), {QStringLiteral("Bob"), QStringLiteral("ok"), QDateTime::currentDateTimeUtc()});
        const QByteArray saved = QJsonDocument(session.toJson()).toJson();
        QVERIFY(!saved.contains("hunter2"));
        const DeploySession resumed = DeploySession::fromJson(QJsonDocument::fromJson(saved).object(), &error);
        QVERIFY2(resumed.checklist().isValid(), qPrintable(error));
        QCOMPARE(resumed.result(QStringLiteral("backup")).status, CheckResult::Status::Passed);
        QCOMPARE(resumed.result(QStringLiteral("rehearsal")).status, CheckResult::Status::NotRun);
        QCOMPARE(resumed.signOff(QStringLiteral("approval")).name, QStringLiteral("Bob"));
        QCOMPARE(resumed.target().dialect, MigrationFolder::Dialect::Flyway);
        QVERIFY(resumed.target().production);
        QVERIFY(resumed.target().conninfo.contains(QStringLiteral("host=db1")));
    }

    void auditLogKeepsEveryDeploy()
    {
        AuditLog audit(m_work.filePath(QStringLiteral("audit/audit.sqlite")));
        QString error;
        for (int i = 1; i <= 2; ++i) {
            AuditEntry entry;
            entry.started = QDateTime::currentDateTimeUtc();
            entry.finished = entry.started.addSecs(i);
            entry.user = QStringLiteral("ann");
            entry.connection = QStringLiteral("app@db1:5432/shop");
            entry.outcome = i == 1 ? QStringLiteral("refused") : QStringLiteral("applied");
            entry.migrations = {QStringLiteral("1 add name"), QStringLiteral("2 email index")};
            entry.report = QStringLiteral("# report %1").arg(i);
            QCOMPARE(audit.record(entry, &error), qint64(i));
        }
        const QList<AuditEntry> entries = audit.entries(&error);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.first().outcome, QStringLiteral("applied")); // newest first
        QCOMPARE(entries.first().migrations.size(), 2);
        QVERIFY(entries.first().report.isEmpty());
        QCOMPARE(audit.entry(1, &error).report, QStringLiteral("# report 1"));
        QCOMPARE(audit.entry(99, &error).id, qint64(0));
        QVERIFY(error.contains(QStringLiteral("99")));
    }
};

// A QGuiApplication: HTML and PDF reports lay text out with fonts.
QTEST_MAIN(TestDeploy)
#include "tst_deploy.moc"
