// Round trips with the real dbmate (npm "dbmate", installed by scripts/interop-tools into its
// cache folder) on the fixture's server: what Slipway applies, dbmate sees as applied and does
// not run again; what dbmate applies or rolls back, slipway-cli status shows; an applied file
// edited since, which dbmate never notices, Slipway reports. Label "interop": scripts/test
// installs the tool first; a missing tool fails this suite with the installer's reason.

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

} // namespace

class TestInteropDbmate : public MigrationFixture
{
    Q_OBJECT

    QString m_dbmate;

    // dbmate's DATABASE_URL for the test database: the sandbox listens on its socket only.
    QString databaseUrl() const
    {
        const QHash<QString, QString> libpq = InteropTools::libpqEnvironment(m_conninfo);
        return QStringLiteral("postgres://postgres@localhost:%1/%2?host=%3&sslmode=disable")
            .arg(libpq.value(QStringLiteral("PGPORT")),
                 libpq.value(QStringLiteral("PGDATABASE")),
                 libpq.value(QStringLiteral("PGHOST")));
    }

    ToolRun dbmate(const QStringList &arguments)
    {
        return InteropTools::run(m_dbmate,
                                 QStringList{QStringLiteral("--migrations-dir"),
                                             folder(),
                                             QStringLiteral("--no-dump-schema")}
                                     + arguments,
                                 {{QStringLiteral("DATABASE_URL"), databaseUrl()}});
    }

    QStringList slipway(const QString &verb) const
    {
        return InteropTools::slipway(verb, m_conninfo, folder());
    }

    QStringList slipwayStates() { return InteropTools::slipwayStates(m_conninfo, folder()); }

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
        QString error;
        m_dbmate = InteropTools::locate(QStringLiteral("dbmate"), &error);
        QVERIFY2(!m_dbmate.isEmpty(), qPrintable(error));
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
