// Round trips with the real sqitch (Debian "sqitch" with DBD::Pg, found or installed by
// scripts/interop-tools) on the fixture's server: what Slipway deploys, `sqitch status` sees as
// up to date and `sqitch revert` reverts; what sqitch deploys, slipway-cli status shows applied,
// with the registry rows both write being the same; a deploy script edited since is reported by
// Slipway. Label "interop": scripts/test installs the tool first; a missing tool fails the suite
// with the installer's reason.

#include "clirun.h"
#include "interoptools.h"
#include "migrationfixture.h"
#include "testsandbox.h"

#include <QTest>

namespace {

using ToolRun = InteropTools::Run;

// A tag, a dependency of each kind, an escaped newline in a note and a reworked change (the
// first `users` runs deploy/users@v1.0.sql).
const QByteArray plan = "%syntax-version=1.0.0\n"
                        "%project=flipr\n"
                        "%uri=https://example.com/flipr/\n"
                        "\n"
                        "users 2024-01-02T03:04:05Z Alice <alice@example.com> # Creates table "
                        "users.\n"
                        "flips [users] 2024-01-02T04:00:00Z Bob Smith <bob@example.com>\n"
                        "@v1.0 2024-01-03T00:00:00Z Alice <alice@example.com> # Tag v1.0.\n"
                        "lists [users flips !other:legacy] 2024-01-04T00:00:00Z Alice "
                        "<alice@example.com> # Lists\\nwith newline\n"
                        "users [users@v1.0] 2024-01-05T00:00:00Z Alice <alice@example.com> # "
                        "Reworked users.\n";

// The registry as both tools leave it, without what differs by nature (times).
const char registryRows[]
    = "SELECT (SELECT string_agg(change_id || '|' || coalesce(script_hash, '') || '|' || change "
      "|| '|' || project || '|' || note || '|' || committer_name || '|' || committer_email || "
      "'|' || planned_at || '|' || planner_name || '|' || planner_email, E'\\n' "
      "ORDER BY committed_at) FROM sqitch.changes)"
      " || E'\\n' || (SELECT string_agg(change_id || '|' || type || '|' || dependency || '|' || "
      "coalesce(dependency_id, ''), E'\\n' ORDER BY change_id, dependency) FROM "
      "sqitch.dependencies)"
      " || E'\\n' || (SELECT string_agg(tag_id || '|' || tag || '|' || change_id || '|' || note "
      "|| '|' || planned_at || '|' || planner_name, E'\\n' ORDER BY tag) FROM sqitch.tags)"
      " || E'\\n' || (SELECT string_agg(event || '|' || change_id || '|' || change || '|' || note "
      "|| '|' || tags::text || '|' || requires::text || '|' || conflicts::text || '|' || "
      "planned_at, E'\\n' ORDER BY committed_at) FROM sqitch.events)"
      " || E'\\n' || (SELECT string_agg(project || '|' || coalesce(uri, '') || '|' || "
      "creator_name, E'\\n') FROM sqitch.projects)"
      " || E'\\n' || (SELECT string_agg(version || '|' || installer_name, E'\\n') FROM "
      "sqitch.releases)";

} // namespace

class TestInteropSqitch : public MigrationFixture
{
    Q_OBJECT

    QString m_sqitch;

    QHash<QString, QString> environment() const
    {
        QHash<QString, QString> variables = InteropTools::libpqEnvironment(m_conninfo);
        variables.insert(QStringLiteral("SQITCH_FULLNAME"), QStringLiteral("Slipway Tester"));
        variables.insert(QStringLiteral("SQITCH_EMAIL"), QStringLiteral("tester@example.com"));
        return variables;
    }

    // sqitch runs in the project folder, as its users run it; the target names the database,
    // libpq's variables the sandbox's socket.
    ToolRun sqitch(const QStringList &arguments)
    {
        const QString target = QStringLiteral("db:pg:")
                               + InteropTools::libpqEnvironment(m_conninfo)
                                     .value(QStringLiteral("PGDATABASE"));
        const QStringList shell{QStringLiteral("-c"),
                                QStringLiteral("cd \"$1\" && shift && exec \"$@\""),
                                QStringLiteral("sh"),
                                folder(),
                                m_sqitch};
        return InteropTools::run(QStringLiteral("/bin/sh"),
                                 shell + arguments + QStringList{target},
                                 environment());
    }

    TestSandbox::CliRun slipwayRun(const QStringList &arguments)
    {
        const TestSandbox::CliRun run = TestSandbox::runCli(arguments);
        if (run.exitCode != 0)
            qWarning().noquote() << run.out << run.err;
        return run;
    }

    QStringList slipway(const QString &verb) const
    {
        return InteropTools::slipway(verb, m_conninfo, folder());
    }

    QStringList slipwayStates() { return InteropTools::slipwayStates(m_conninfo, folder()); }

    bool relationExists(const QString &name)
    {
        return value(QStringLiteral("SELECT to_regclass('%1') IS NOT NULL").arg(name))
               == QLatin1String("t");
    }

    QStringList allApplied() const
    {
        return {QStringLiteral("sqitch"),
                QStringLiteral("applied"),
                QStringLiteral("applied"),
                QStringLiteral("applied"),
                QStringLiteral("applied")};
    }

    void project()
    {
        file(QStringLiteral("sqitch.conf"), "[core]\n\tengine = pg\n");
        file(QStringLiteral("sqitch.plan"), plan);
        file(QStringLiteral("deploy/users@v1.0.sql"),
             "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
        file(QStringLiteral("revert/users@v1.0.sql"), "DROP TABLE users;\n");
        file(QStringLiteral("deploy/flips.sql"),
             "BEGIN;\nCREATE TABLE flips (id int, user_id int REFERENCES users);\nCOMMIT;\n");
        file(QStringLiteral("revert/flips.sql"), "BEGIN;\nDROP TABLE flips;\nCOMMIT;\n");
        file(QStringLiteral("deploy/lists.sql"), "CREATE TABLE lists (id int);\n");
        file(QStringLiteral("revert/lists.sql"), "DROP TABLE lists;\n");
        file(QStringLiteral("deploy/users.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        file(QStringLiteral("revert/users.sql"), "ALTER TABLE users DROP COLUMN email;\n");
    }

private slots:
    void initTestCase()
    {
        m_databasePrefix = QStringLiteral("interop_sqitch_");
        m_defaultTool.reset();
        QString error;
        m_sqitch = InteropTools::locate(QStringLiteral("sqitch"), &error);
        QVERIFY2(!m_sqitch.isEmpty(), qPrintable(error));
        // Slipway and sqitch must record the same committer.
        qputenv("SQITCH_FULLNAME", "Slipway Tester");
        qputenv("SQITCH_EMAIL", "tester@example.com");
    }

    void init() { fresh(); }

    void deployedBySlipwaySeenBySqitch()
    {
        project();
        QCOMPARE(slipwayRun(slipway(QStringLiteral("migrate"))).exitCode, 0);
        const ToolRun status = sqitch({QStringLiteral("status")});
        QVERIFY2(status.exitCode == 0
                     && status.output.contains(QStringLiteral("Nothing to deploy (up-to-date)")),
                 qPrintable(status.output));
        // sqitch deploy finds nothing to do either (running a script again would fail).
        const ToolRun deploy = sqitch({QStringLiteral("deploy")});
        QVERIFY2(deploy.exitCode == 0 && deploy.output.contains(QStringLiteral("Nothing to deploy")),
                 qPrintable(deploy.output));
        const ToolRun revert = sqitch({QStringLiteral("revert"), QStringLiteral("-y")});
        QVERIFY2(revert.exitCode == 0, qPrintable(revert.output));
        QVERIFY(!relationExists(QStringLiteral("users")));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM sqitch.changes")), QStringLiteral("0"));
        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("sqitch"),
                              QStringLiteral("pending"),
                              QStringLiteral("pending"),
                              QStringLiteral("pending"),
                              QStringLiteral("pending")}));
        // And Slipway deploys again into the registry sqitch reverted in.
        QCOMPARE(slipwayRun(slipway(QStringLiteral("migrate"))).exitCode, 0);
        QVERIFY(sqitch({QStringLiteral("status")})
                    .output.contains(QStringLiteral("Nothing to deploy (up-to-date)")));
    }

    void deployedBySqitchSeenBySlipway()
    {
        project();
        const ToolRun deploy = sqitch({QStringLiteral("deploy")});
        QVERIFY2(deploy.exitCode == 0, qPrintable(deploy.output));
        QCOMPARE(slipwayStates(), allApplied());
        const QString bySqitch = value(QString::fromLatin1(registryRows));
        QVERIFY(!bySqitch.isEmpty());

        // The same project deployed by Slipway into an empty database: the same rows.
        m_db->execute(QStringLiteral("DROP SCHEMA sqitch CASCADE"));
        m_db->execute(QStringLiteral("DROP TABLE lists, flips, users"));
        QCOMPARE(slipwayRun(slipway(QStringLiteral("migrate"))).exitCode, 0);
        QCOMPARE(value(QString::fromLatin1(registryRows)), bySqitch);

        // Slipway rolls the newest back; sqitch sees it undeployed and deploys it again.
        QCOMPARE(slipwayRun(slipway(QStringLiteral("rollback"))
                            << QStringLiteral("--steps") << QStringLiteral("1"))
                     .exitCode,
                 0);
        const ToolRun status = sqitch({QStringLiteral("status")});
        QVERIFY2(status.output.contains(QStringLiteral("Undeployed change:"))
                     && status.output.contains(QStringLiteral("* users")),
                 qPrintable(status.output));
        const ToolRun again = sqitch({QStringLiteral("deploy")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.output));
        QCOMPARE(slipwayStates(), allApplied());
    }

    void editedDeployScriptReportedBySlipway()
    {
        project();
        QVERIFY2(sqitch({QStringLiteral("deploy")}).exitCode == 0, "sqitch deploy failed");
        file(QStringLiteral("deploy/lists.sql"), "CREATE TABLE lists (id int, name text);\n");
        QCOMPARE(slipwayStates(),
                 (QStringList{QStringLiteral("sqitch"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied"),
                              QStringLiteral("checksum_mismatch"),
                              QStringLiteral("applied")}));
        const TestSandbox::CliRun refused = TestSandbox::runCli(slipway(QStringLiteral("migrate")));
        QVERIFY(refused.exitCode != 0);
        QVERIFY2((refused.out + refused.err).contains(QStringLiteral("3 lists changed since")),
                 qPrintable(refused.out + refused.err));
    }
};

QTEST_GUILESS_MAIN(TestInteropSqitch)
#include "tst_interopsqitch.moc"
