// slipway-cli deploy as a process: an unsigned manual item blocks it (exit 1, nothing applied);
// signed, it applies with --yes, writes the report and records the audit entry. The backup is
// restored into the private sandbox the command starts itself.

#include "clirun.h"
#include "db/pgconnection.h"
#include "deploy/auditlog.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestDeployCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_target;

    QString file(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        out.open(QIODevice::WriteOnly);
        out.write(text);
        return path;
    }

    QString historyCount()
    {
        PgConnection db(m_target);
        db.open();
        if (db.fetchAll(QStringLiteral("SELECT to_regclass('slipway.schema_history') IS NULL")).text(0, 0) == QLatin1String("t"))
            return QStringLiteral("none");
        return db.fetchAll(QStringLiteral("SELECT count(*) FROM slipway.schema_history")).text(0, 0);
    }

private slots:
    void initTestCase()
    {
        QString error;
        const QString admin = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!admin.isEmpty(), qPrintable(error));
        PgConnection server(admin);
        server.open();
        server.execute(QStringLiteral("DROP DATABASE IF EXISTS deploy_cli WITH (FORCE)"));
        server.execute(QStringLiteral("CREATE DATABASE deploy_cli"));
        m_target = TestSandbox::conninfo(QStringLiteral("deploy_cli"));
        PgConnection db(m_target);
        db.open();
        db.execute(QStringLiteral("CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 500)"));
        file(QStringLiteral("migrations/001_label.up.sql"), "ALTER TABLE items ADD COLUMN label text;\n");
        file(QStringLiteral("migrations/001_label.down.sql"), "ALTER TABLE items DROP COLUMN label;\n");
        file(QStringLiteral("migrations/slipway-checklist.json"),
             R"({"name": "CLI test", "items": [
                 {"id": "backup", "title": "Backup verified", "kind": "backup"},
                 {"id": "rehearsal", "title": "Rollback rehearsed", "kind": "rehearsal"},
                 {"id": "approval", "title": "Approved", "kind": "manual"},
                 {"id": "smoke", "title": "Smoke test", "kind": "manual", "phase": "verify", "required": false}]})");
        qputenv("SLIPWAY_AUDIT_DB", m_dir.filePath(QStringLiteral("audit.sqlite")).toUtf8());
    }

    void unsignedItemBlocks()
    {
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject result = QJsonDocument::fromJson(run.stdOut).object();
        QCOMPARE(result.value(QStringLiteral("go")).toBool(), false);
        QCOMPARE(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("refused"));
        QCOMPARE(result.value(QStringLiteral("blockers")).toArray().first().toString(), QStringLiteral("Approved: not signed off"));
        // The automated checks did run and pass: the backup went through a private sandbox.
        for (const QJsonValue &item : result.value(QStringLiteral("items")).toArray()) {
            const QJsonObject object = item.toObject();
            if (object.value(QStringLiteral("kind")).toString() != QLatin1String("manual"))
                QVERIFY2(object.value(QStringLiteral("status")).toString() == QLatin1String("passed"),
                         qPrintable(object.value(QStringLiteral("summary")).toString() + run.err));
        }
        QCOMPARE(historyCount(), QStringLiteral("none"));
        QString error;
        const QList<AuditEntry> audit = AuditLog(m_dir.filePath(QStringLiteral("audit.sqlite"))).entries(&error);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().outcome, QStringLiteral("refused"));
    }

    void signedDeployApplies()
    {
        const QString report = m_dir.filePath(QStringLiteral("report.md"));
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--sign"), QStringLiteral("approval=Ann: change 42"),
                                                             QStringLiteral("--yes"), QStringLiteral("--report"), report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(historyCount(), QStringLiteral("1"));
        QFile written(report);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(written.readAll());
        QVERIFY(text.contains(QStringLiteral("**Outcome:** applied")));
        QVERIFY(text.contains(QStringLiteral("signed by Ann")));
        QVERIFY(text.contains(QStringLiteral("- 001 label")));
        QString error;
        const QList<AuditEntry> audit = AuditLog(m_dir.filePath(QStringLiteral("audit.sqlite"))).entries(&error, true);
        QCOMPARE(audit.size(), 2);
        QCOMPARE(audit.first().outcome, QStringLiteral("applied"));
        QCOMPARE(audit.first().migrations, QStringList({QStringLiteral("001 label")}));
        QCOMPARE(audit.first().report, text);

        // Misuse is a usage error naming the problem.
        const TestSandbox::CliRun bad = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--sign"), QStringLiteral("backup=Ann: trust me")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("checked automatically")), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestDeployCli)
#include "tst_deploycli.moc"
