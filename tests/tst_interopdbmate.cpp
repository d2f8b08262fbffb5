// Round trips with the real dbmate (npm "dbmate", installed by scripts/interop-tools into its
// cache folder) on the fixture's server: what Slipway applies, dbmate sees as applied and does
// not run again; what dbmate applies or rolls back, slipway-cli status shows; an applied file
// edited since, which dbmate never notices, Slipway reports. Label "interop": scripts/test
// installs the tool first; a missing tool fails this suite with the installer's reason.

#include "clirun.h"
#include "migrationfixture.h"
#include "testsandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

struct ToolRun
{
    int exitCode = -1;
    QString output; // stdout and stderr together, as a user reads them
};

} // namespace

class TestInteropDbmate : public MigrationFixture
{
    Q_OBJECT

    QString m_dbmate;

    // dbmate's DATABASE_URL for the test database: the sandbox listens on its socket only.
    QString databaseUrl() const
    {
        QString host;
        QString port;
        QString database;
        for (const QString &pair : m_conninfo.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString key = pair.section(QLatin1Char('='), 0, 0);
            const QString value = pair.section(QLatin1Char('='), 1);
            if (key == QLatin1String("host"))
                host = value;
            else if (key == QLatin1String("port"))
                port = value;
            else if (key == QLatin1String("dbname"))
                database = value;
        }
        return QStringLiteral("postgres://postgres@localhost:%1/%2?host=%3&sslmode=disable")
            .arg(port, database, host);
    }

    ToolRun dbmate(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DATABASE_URL"), databaseUrl());
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(m_dbmate,
                      QStringList{QStringLiteral("--migrations-dir"),
                                  folder(),
                                  QStringLiteral("--no-dump-schema")}
                          + arguments);
        ToolRun run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            run.output = QStringLiteral("dbmate did not finish");
            return run;
        }
        run.exitCode = process.exitCode();
        run.output = QString::fromUtf8(process.readAll());
        return run;
    }

    QStringList slipway(const QString &verb) const
    {
        return {verb, QStringLiteral("--db"), m_conninfo, QStringLiteral("--dir"), folder()};
    }

    QStringList slipwayStates()
    {
        const TestSandbox::CliRun run = TestSandbox::runCli(slipway(QStringLiteral("status"))
                                                            << QStringLiteral("--json"));
        QStringList states;
        const QJsonObject root = QJsonDocument::fromJson(run.stdOut).object();
        states << root.value(QStringLiteral("tool")).toString();
        for (const QJsonValue &migration : root.value(QStringLiteral("migrations")).toArray())
            states << migration.toObject().value(QStringLiteral("state")).toString();
        return states;
    }

    int migrateWithSlipway()
    {
        const TestSandbox::CliRun run = TestSandbox::runCli(slipway(QStringLiteral("migrate")));
        if (run.exitCode != 0)
            qWarning().noquote() << run.err;
        return run.exitCode;
    }

    void folderOfTwo()
    {
        file(QStringLiteral("20240101000000_create_a.sql"),
             "-- migrate:up\nCREATE TABLE a (id bigint);\n-- migrate:down\nDROP TABLE a;\n");
        file(QStringLiteral("20240102000000_index_a.sql"),
             "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"
             "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY a_id;\n");
    }

private slots:
    void initTestCase()
    {
        m_databasePrefix = QStringLiteral("interop_dbmate_");
        m_defaultTool.reset();
        QProcess installer;
        installer.start(TestSandbox::sourceDir() + QStringLiteral("/scripts/interop-tools"),
                        {QStringLiteral("dbmate")});
        QVERIFY2(installer.waitForFinished(900000), "scripts/interop-tools did not finish");
        const QString line = QString::fromUtf8(installer.readAllStandardOutput()).trimmed();
        m_dbmate = line.section(QLatin1Char('\t'), 1);
        QVERIFY2(line.startsWith(QLatin1String("dbmate\t"))
                     && !m_dbmate.startsWith(QLatin1String("missing")),
                 qPrintable(QStringLiteral("dbmate is not available: ") + line
                            + QString::fromUtf8(installer.readAllStandardError())));
    }

    void init() { fresh(); }

    void appliedBySlipwaySeenByDbmate()
    {
        folderOfTwo();
        QCOMPARE(migrateWithSlipway(), 0);
        const ToolRun status = dbmate({QStringLiteral("status")});
        QVERIFY2(status.output.contains(QStringLiteral("Applied: 2"))
                     && status.output.contains(QStringLiteral("Pending: 0")),
                 qPrintable(status.output));
        const ToolRun up = dbmate({QStringLiteral("up")});
        QVERIFY2(up.exitCode == 0 && !up.output.contains(QStringLiteral("Applying")),
                 qPrintable(up.output));
    }

    void appliedByDbmateSeenBySlipway()
    {
        folderOfTwo();
        const ToolRun up = dbmate({QStringLiteral("up")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.output));
        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("dbmate"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied")}));
        const ToolRun down = dbmate({QStringLiteral("rollback")});
        QVERIFY2(down.exitCode == 0, qPrintable(down.output));
        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("dbmate"),
                              QStringLiteral("applied"),
                              QStringLiteral("pending")}));
        // And Slipway applies the rest into dbmate's table, for dbmate to see.
        QCOMPARE(migrateWithSlipway(), 0);
        QVERIFY(dbmate({QStringLiteral("status")}).output.contains(QStringLiteral("Pending: 0")));
    }

    // dbmate keeps no checksum: it calls an edited file applied. Slipway knows what it ran.
    void editedFileReportedWhereDbmateIsSilent()
    {
        folderOfTwo();
        QCOMPARE(migrateWithSlipway(), 0);
        file(QStringLiteral("20240101000000_create_a.sql"),
             "-- migrate:up\nCREATE TABLE a (id bigint, extra int);\n-- migrate:down\nDROP TABLE "
             "a;\n");
        QVERIFY(dbmate({QStringLiteral("status")}).output.contains(QStringLiteral("Pending: 0")));
        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("dbmate"),
                              QStringLiteral("checksum_mismatch"),
                              QStringLiteral("applied")}));
    }
};

QTEST_GUILESS_MAIN(TestInteropDbmate)
#include "tst_interopdbmate.moc"
