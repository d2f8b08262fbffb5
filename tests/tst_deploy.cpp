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
        // from 50 % to 90 %, the rehearsal on its own scale; never backwards within a check.
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
        // The rehearsal starts by copying the restored backup, so a second run starts from it too.
        QCOMPARE(rehearsal.first(), 0);
        QVERIFY(rehearsal.last() >= 85);

        // Run again, the rehearsal starts from the restored backup, not from what the last run
        // left: it applies both migrations again and times them.
        const CheckResult again = checks.run(QStringLiteral("rehearsal"), session);
        QVERIFY2(again.status == CheckResult::Status::Passed, qPrintable(again.summary + QLatin1Char('\n') + again.evidence));
        QVERIFY2(again.evidence.contains(QStringLiteral("1 add name")) && again.evidence.contains(QStringLiteral("2 email index")),
                 qPrintable(again.evidence));
        QCOMPARE(checks.rehearsalTimes().size(), 2);

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
        QVERIFY2(session.result(QStringLiteral("verify")).evidence.contains(QStringLiteral("ANALYZE: public.accounts")),
                 qPrintable(session.result(QStringLiteral("verify")).evidence));
        QCOMPARE(execution.elapsedMs.size(), 2);

        // The report names everything that happened and never the password.
        DeployTarget withPassword = target;
        withPassword.conninfo += QStringLiteral(" password=s3cret-pw");
        DeploySession reported(withPassword, session.checklist());
        for (const ChecklistItem &item : session.checklist().items()) {
            reported.setResult(item.id, session.result(item.id));
            reported.sign(item.id, session.signOff(item.id));
        }
        const QString markdown = DeployReport::markdown(reported, execution, QStringLiteral("tester"));
        QVERIFY2(markdown.contains(QStringLiteral("**Outcome:** applied — verified")), qPrintable(markdown));
        QVERIFY(markdown.contains(QStringLiteral("**By:** tester")));
        QVERIFY(markdown.contains(QStringLiteral("**Database:** ")));
        QVERIFY(markdown.contains(QStringLiteral("/deploy_ok")));
        // The title says what went where; no resource path or internal layout name.
        const QString title = markdown.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(title.startsWith(QStringLiteral("# Deploy of %1 to ").arg(QDir(target.migrationDirectory).dirName()))
                     && title.endsWith(QStringLiteral("/deploy_ok")),
                 qPrintable(title));
        QVERIFY(!markdown.contains(QStringLiteral("`:/")));
        QVERIFY(markdown.contains(QStringLiteral("## Verification")));
        // Each applied migration with its time on the target.
        QVERIFY2(markdown.contains(QStringLiteral("- 1 add name (%1 ms)").arg(execution.elapsedMs.value(QStringLiteral("1")))),
                 qPrintable(markdown));
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
        QCOMPARE(lint.openSignOffKeys, QStringList({key}));
        // U3 is missing: V3 is the point of no return.
        QCOMPARE(session.result(QStringLiteral("impact")).status, CheckResult::Status::Warning);
        QVERIFY2(session.result(QStringLiteral("impact")).summary.contains(QStringLiteral("3 blocking index has no rollback")),
                 qPrintable(session.result(QStringLiteral("impact")).summary));
        session.signLint(key, {QStringLiteral("Ann"), QStringLiteral("3,000 rows; takes a second"), QDateTime::currentDateTimeUtc()});
        lint = checks.run(QStringLiteral("lint-clean"), session);
        QCOMPARE(lint.status, CheckResult::Status::Passed);
        QVERIFY(lint.evidence.contains(QStringLiteral("accepted by Ann")));
    }

    // Cancel belongs to the request it was given to: a cancelled check is not a result, and the
    // next request (another check, or applying) runs as if nothing had been cancelled.
    void cancelledChecksRunAgain()
    {
        QTemporaryDir folder;
        const DeployTarget target = makeTarget(QStringLiteral("deploy_cancel"), folder);
        DeploySession session(target, checklist(R"({"id": "pending", "title": "Pending", "kind": "pending"},
                                                   {"id": "backup", "title": "Backup", "kind": "backup"},
                                                   {"id": "rehearsal", "title": "Rehearsal", "kind": "rehearsal"})"));
        DeployChecks checks(target, m_work.filePath(QStringLiteral("cancel")), m_server);
        checks.setRehearsalDatabase(QStringLiteral("deploy_cancel_rehearsal"));

        checks.requestStop(); // as if Cancel came while the dry run was starting
        CheckResult pending = checks.run(QStringLiteral("pending"), session);
        QCOMPARE(pending.status, CheckResult::Status::Cancelled);
        checks.resetStop();
        pending = checks.run(QStringLiteral("pending"), session);
        QVERIFY2(pending.status == CheckResult::Status::Passed, qPrintable(pending.summary));
        QVERIFY(pending.summary.startsWith(QStringLiteral("2 migration")));

        checks.runPhase(session, ChecklistItem::Phase::Prepare);
        QVERIFY2(session.result(QStringLiteral("rehearsal")).passed(), qPrintable(session.result(QStringLiteral("rehearsal")).summary));
        checks.requestStop();
        QCOMPARE(checks.run(QStringLiteral("rehearsal"), session).status, CheckResult::Status::Cancelled);
        // A stopped phase runs nothing more.
        session.setResult(QStringLiteral("backup"), {});
        checks.runPhase(session, ChecklistItem::Phase::Prepare);
        QCOMPARE(session.result(QStringLiteral("backup")).status, CheckResult::Status::NotRun);
        checks.resetStop();
        QCOMPARE(checks.run(QStringLiteral("rehearsal"), session).status, CheckResult::Status::Passed);

        // A stop asked before applying stops the runner before its first statement; after a reset
        // the same object applies.
        checks.requestStop();
        DeployExecution execution = checks.apply();
        QCOMPARE(execution.outcome, DeployExecution::Outcome::Cancelled);
        QVERIFY(execution.applied.isEmpty());
        checks.resetStop();
        execution = checks.apply();
        QVERIFY2(execution.outcome == DeployExecution::Outcome::Applied, qPrintable(execution.message));
        QCOMPARE(execution.applied.size(), 2);
    }

    // What the checks learned survives a new DeployChecks (a resumed wizard): the rehearsal
    // still finds its verified backup, and verify still knows which tables to ANALYZE.
    void knowledgeCarriesOver()
    {
        QTemporaryDir folder;
        const DeployTarget target = makeTarget(QStringLiteral("deploy_resume"), folder);
        DeploySession session(target, checklist(R"({"id": "pending", "title": "Pending", "kind": "pending"},
                                                   {"id": "backup", "title": "Backup", "kind": "backup"})"));
        QJsonObject knowledge;
        {
            DeployChecks first(target, m_work.filePath(QStringLiteral("resume")), m_server);
            first.setRehearsalDatabase(QStringLiteral("deploy_resume_rehearsal"));
            first.runPhase(session, ChecklistItem::Phase::Prepare);
            QVERIFY2(session.result(QStringLiteral("backup")).passed(), qPrintable(session.result(QStringLiteral("backup")).summary));
            knowledge = QJsonDocument::fromJson(QJsonDocument(first.knowledge()).toJson()).object();
        }
        QCOMPARE(DeployChecks::pendingCount(knowledge), 2);
        DeployChecks second(target, m_work.filePath(QStringLiteral("resume")), m_server);
        second.setRehearsalDatabase(QStringLiteral("deploy_resume_rehearsal"));
        QCOMPARE(second.run(QStringLiteral("rehearsal"), session).status, CheckResult::Status::Failed); // knows nothing yet
        second.restoreKnowledge(knowledge);
        const CheckResult rehearsal = second.run(QStringLiteral("rehearsal"), session);
        QVERIFY2(rehearsal.status == CheckResult::Status::Passed, qPrintable(rehearsal.summary + QLatin1Char('\n') + rehearsal.evidence));
        QCOMPARE(second.apply().outcome, DeployExecution::Outcome::Applied);

        DeployChecks third(target, m_work.filePath(QStringLiteral("resume")), m_server);
        third.restoreKnowledge(second.knowledge());
        const CheckResult verified = third.run(QStringLiteral("verify"), session);
        QVERIFY2(verified.passed(), qPrintable(verified.summary));
        QVERIFY2(verified.evidence.contains(QStringLiteral("ANALYZE: public.accounts")), qPrintable(verified.evidence));
    }

    // A migration that fails in the dry run fails "the migrations run"; a destructive one is the
    // point of no return even with a down script.
    void failingAndDestructiveMigrations()
    {
        QTemporaryDir folder;
        const DeployTarget target = makeTarget(QStringLiteral("deploy_bad"), folder);
        write(folder.filePath(QStringLiteral("V3__drop_email.sql")), "ALTER TABLE accounts DROP COLUMN email;\n");
        write(folder.filePath(QStringLiteral("U3__drop_email.sql")), "ALTER TABLE accounts ADD COLUMN email text;\n");
        DeploySession session(target, checklist(R"({"id": "pending", "title": "Pending", "kind": "pending"},
                                                   {"id": "impact", "title": "Impact", "kind": "impact"})"));
        DeployChecks checks(target, m_work.filePath(QStringLiteral("bad")), m_server);
        checks.runPhase(session, ChecklistItem::Phase::Prepare);
        QVERIFY2(session.result(QStringLiteral("pending")).passed(), qPrintable(session.result(QStringLiteral("pending")).summary));
        const CheckResult impact = session.result(QStringLiteral("impact"));
        // The dry run's index (made without CONCURRENTLY) goes with the dropped column: its lock
        // names a dropped relation, which has no size to measure.
        QVERIFY2(impact.status == CheckResult::Status::Warning, qPrintable(impact.summary));
        QVERIFY2(impact.summary.contains(QStringLiteral("3 drop email destroys data (ban-drop-column at line 1)")), qPrintable(impact.summary));
        QVERIFY2(impact.evidence.contains(QStringLiteral("| public.accounts | AccessExclusiveLock |")), qPrintable(impact.evidence));
        QVERIFY2(impact.evidence.contains(QStringLiteral("AccessExclusiveLock × ")), qPrintable(impact.evidence));

        // Once the concurrent index (which the dry run cannot run) is applied, a failure in the dry
        // run is certain, not a maybe.
        QCOMPARE(checks.apply().outcome, DeployExecution::Outcome::Applied);
        write(folder.filePath(QStringLiteral("V4__broken.sql")), "ALTER TABLE no_such_table ADD COLUMN x int;\n");
        const CheckResult pending = checks.run(QStringLiteral("pending"), session);
        QCOMPARE(pending.status, CheckResult::Status::Failed);
        QVERIFY2(pending.summary.contains(QStringLiteral("1 statement(s) failed in the dry run")), qPrintable(pending.summary));
        QVERIFY2(pending.evidence.contains(QStringLiteral("no_such_table")), qPrintable(pending.evidence));
    }

    // Both verify script forms run, in a transaction that is rolled back; a failing one names
    // its file and line.
    void verifyScripts()
    {
        QTemporaryDir folder;
        const DeployTarget target = makeTarget(QStringLiteral("deploy_verify"), folder);
        write(folder.filePath(QStringLiteral("accounts.verify.sql")), "SELECT 1 / (count(*) > 0)::int FROM accounts;\nDELETE FROM accounts;\n");
        DeploySession session(target, checklist(R"({"id": "verify", "title": "Verify", "kind": "verify", "phase": "verify"})"));
        DeployChecks checks(target, m_work.filePath(QStringLiteral("verify")), m_server);
        CheckResult verified = checks.run(QStringLiteral("verify"), session);
        QVERIFY2(verified.status == CheckResult::Status::Passed, qPrintable(verified.summary));
        QVERIFY(verified.evidence.contains(QStringLiteral("accounts.verify.sql` passed")));
        PgConnection db(target.conninfo);
        db.open();
        QCOMPARE(db.fetchAll(QStringLiteral("SELECT count(*) FROM accounts")).text(0, 0), QStringLiteral("3000")); // rolled back

        write(folder.filePath(QStringLiteral("verify/names.sql")), "SELECT 1;\nSELECT 1 / (count(*) > 5000)::int FROM accounts;\n");
        verified = checks.run(QStringLiteral("verify"), session);
        QCOMPARE(verified.status, CheckResult::Status::Failed);
        QVERIFY2(verified.summary.startsWith(QStringLiteral("verify/names.sql:2: division by zero")), qPrintable(verified.summary));
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

    // The pre-migration template's four-eyes rule: the approval and the application code signed
    // by one person is no-go, in the decision, in a resumed session and in the report.
    void oneSignerForCodeAndApprovalIsNoGo()
    {
        QString error;
        DeployTarget target;
        target.conninfo = QStringLiteral("host=db1 dbname=shop user=app");
        target.migrationDirectory = QStringLiteral("/srv/migrations");
        DeploySession session(target, Checklist::fromTemplate(QStringLiteral("pre-migration"), &error));
        QVERIFY2(session.checklist().isValid(), qPrintable(error));
        CheckResult passed;
        passed.status = CheckResult::Status::Passed;
        passed.summary = QStringLiteral("ok");
        for (const ChecklistItem &item : session.checklist().items()) {
            if (!item.isManual())
                session.setResult(item.id, passed);
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        session.sign(QStringLiteral("app-code"), {QStringLiteral("Ann"), QStringLiteral("release 2.4"), now});
        session.sign(QStringLiteral("approval"), {QStringLiteral("ANN"), QStringLiteral("CAB-118"), now});
        session.sign(QStringLiteral("monitoring"), {QStringLiteral("Ann"), QStringLiteral("dashboard open"), now});
        const QString expected = QStringLiteral("\"Application code updated and tested\" and \"Team approval obtained\" are both "
                                                "signed off by Ann; the checklist asks for different people");
        QCOMPARE(session.decision().blockers, QStringList({expected}));

        const DeploySession resumed = DeploySession::fromJson(QJsonDocument(session.toJson()).object(), &error);
        QVERIFY2(resumed.checklist().isValid(), qPrintable(error));
        QCOMPARE(resumed.decision().blockers, QStringList({expected}));
        const QString markdown = DeployReport::markdown(resumed, DeployExecution{}, QStringLiteral("tester"));
        QVERIFY2(markdown.contains(QStringLiteral("- Blocking: ") + expected), qPrintable(markdown));

        session.sign(QStringLiteral("approval"), {QStringLiteral("Bob"), QStringLiteral("CAB-118"), now});
        QVERIFY(session.decision().go);
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

        // The wizard completes its entry once verified; the other entries stay as they were.
        AuditEntry completed = audit.entry(2, &error);
        completed.report = QStringLiteral("# report 2, verified");
        QCOMPARE(audit.record(completed, &error), qint64(2));
        QCOMPARE(audit.entries(&error).size(), 2);
        QCOMPARE(audit.entry(2, &error).report, QStringLiteral("# report 2, verified"));
        QCOMPARE(audit.entry(1, &error).report, QStringLiteral("# report 1"));
        completed.id = 42;
        QCOMPARE(audit.record(completed, &error), qint64(0));
        QVERIFY(error.contains(QStringLiteral("42")));
    }
};

// A QGuiApplication: HTML and PDF reports lay text out with fonts.
QTEST_MAIN(TestDeploy)
#include "tst_deploy.moc"
