#include "clirun.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// slipway-cli as users and CI run it: a real child process, real exit codes and streams.
class TestCli : public QObject
{
    Q_OBJECT

    using Run = TestSandbox::CliRun;

    static Run cli(const QStringList &arguments) { return TestSandbox::runCli(arguments); }

    QString m_conninfo;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(TestSandbox::cliPath()), "SLIPWAY_CLI must point at slipway-cli");
        QString error;
        m_conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
    }

    void versionAndUsage()
    {
        const Run version = cli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith(QStringLiteral("slipway-cli ")), qPrintable(version.out));
        const Run unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(!unknown.err.isEmpty());
        const Run noDir = cli({QStringLiteral("sandbox"), QStringLiteral("start")});
        QCOMPARE(noDir.exitCode, 2);
        QVERIFY(noDir.err.contains(QStringLiteral("--dir")));
        const Run noSql = cli({QStringLiteral("query"), QStringLiteral("--db"), m_conninfo});
        QCOMPARE(noSql.exitCode, 2);
    }

    // Each command line of --help reads "  name  summary": the longest name (restore-verify) too.
    void helpSeparatesNamesFromSummaries()
    {
        const Run help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const QStringList lines = help.out.split(QLatin1Char('\n'));
        const qsizetype first = lines.indexOf(QStringLiteral("Commands:")) + 1;
        QVERIFY2(first > 0, qPrintable(help.out));
        static const QRegularExpression row(QStringLiteral("^  (\\S+)( {2,})\\S"));
        QStringList names;
        for (qsizetype i = first; i < lines.size() && !lines.at(i).isEmpty(); ++i) {
            const QRegularExpressionMatch match = row.match(lines.at(i));
            QVERIFY2(match.hasMatch(), qPrintable(lines.at(i)));
            names << match.captured(1);
            // One column for every summary, so the list reads as a table.
            QCOMPARE(match.capturedEnd(2), row.match(lines.at(first)).capturedEnd(2));
        }
        QVERIFY2(names.contains(QStringLiteral("restore-verify")), qPrintable(help.out));
        QVERIFY2(names.contains(QStringLiteral("explain-diff")), qPrintable(help.out));
        // Every command has --help, whose usage line names the command as it is typed.
        for (const QString &name : std::as_const(names)) {
            if (name == QLatin1String("sandbox"))
                continue; // its usage is written by hand, subcommands first
            const Run own = cli({name, QStringLiteral("--help")});
            QVERIFY2(own.exitCode == 0, qPrintable(name + QLatin1String(": ") + own.err));
            QVERIFY2(own.out.startsWith(QStringLiteral("Usage: slipway-cli %1 ").arg(name)),
                     qPrintable(own.out.section(QLatin1Char('\n'), 0, 0)));
        }
    }

    // Whatever a command meets, slipway-cli ends with an exit code and a message, never an abort.
    void badDatabaseNeverAborts()
    {
        QTemporaryDir dir;
        const QString notADatabase = dir.filePath(QStringLiteral("notes.db"));
        QFile text(notADatabase);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write(QByteArray("this is not an SQLite database\n").repeated(200));
        text.close();
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("m")));
        QFile migration(dir.filePath(QStringLiteral("m/V1__t.sql")));
        QVERIFY(migration.open(QIODevice::WriteOnly));
        migration.write("CREATE TABLE t (id int);\n");
        migration.close();
        const QStringList sqlite{QStringLiteral("--sqlite"), notADatabase};
        const QStringList folder{QStringLiteral("--dir"), dir.filePath(QStringLiteral("m"))};
        const QList<QStringList> commands{
            QStringList{QStringLiteral("status")} + sqlite + folder,
            QStringList{QStringLiteral("status"), QStringLiteral("--json")} + sqlite + folder,
            QStringList{QStringLiteral("validate")} + sqlite + folder,
            QStringList{QStringLiteral("migrate")} + sqlite + folder,
            QStringList{QStringLiteral("migrate"), QStringLiteral("--dry-run")} + sqlite + folder,
            QStringList{QStringLiteral("rollback"), QStringLiteral("--steps"), QStringLiteral("1")}
                + sqlite + folder,
            QStringList{QStringLiteral("baseline"), QStringLiteral("--version"), QStringLiteral("1")}
                + sqlite + folder,
            QStringList{QStringLiteral("repair")} + sqlite + folder,
            QStringList{QStringLiteral("query"),
                        QStringLiteral("SELECT count(*) FROM sqlite_master")}
                + sqlite,
            QStringList{QStringLiteral("schema")} + sqlite,
        };
        for (const QStringList &arguments : commands) {
            const Run run = cli(arguments);
            const QString what = arguments.join(QLatin1Char(' ')) + QStringLiteral(" → ")
                                 + QString::number(run.exitCode) + QLatin1Char('\n') + run.err;
            QVERIFY2(run.exitCode == 1 || run.exitCode == 2, qPrintable(what));
            QVERIFY2(run.err.contains(QStringLiteral("slipway-cli ") + arguments.first()),
                     qPrintable(what));
            QVERIFY2(run.err.contains(QStringLiteral("not a database")), qPrintable(what));
        }
    }

    void queryJson()
    {
        const Run run = cli({QStringLiteral("query"), QStringLiteral("--db"), m_conninfo, QStringLiteral("--json"),
                             QStringLiteral("SELECT g AS n, CASE WHEN g = 2 THEN NULL ELSE 'v' || g END AS label "
                                            "FROM generate_series(1, 3) g")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(doc.value(QStringLiteral("command")).toString(), QStringLiteral("SELECT 3"));
        const QJsonArray rows = doc.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).toArray().at(1).toString(), QStringLiteral("v1"));
        QVERIFY(rows.at(1).toArray().at(1).isNull());
        QCOMPARE(doc.value(QStringLiteral("columns")).toArray().at(0).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("n"));
    }

    // Tab-separated output keeps one line per row: backslash, tab, newline and carriage return
    // are escaped as COPY's text format does, and --help says so.
    void queryTsvEscapes()
    {
        const Run run = cli(
            {QStringLiteral("query"),
             QStringLiteral("--db"),
             m_conninfo,
             QStringLiteral("SELECT E'a\\tb' AS \"tab\tname\", E'one\\ntwo' AS lines, "
                            "E'back\\\\slash\\r' AS other, NULL AS n, '' AS e")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out,
                 QStringLiteral("tab\\tname\tlines\tother\tn\te\n"
                                "a\\tb\tone\\ntwo\tback\\\\slash\\r\t\t\n"));
        QVERIFY2(run.err.contains(QStringLiteral("SELECT 1")), qPrintable(run.err));
        const Run help = cli({QStringLiteral("query"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("slipway-cli query [options]")),
                 qPrintable(help.out));
        for (const char *escape : {"\\\\", "\\t", "\\n", "\\r"})
            QVERIFY2(help.out.contains(QLatin1String(escape)), escape);
    }

    void sqlErrorNamesLineAndColumn()
    {
        const Run run = cli({QStringLiteral("query"), QStringLiteral("--db"), m_conninfo,
                             QStringLiteral("SELECT 1,\n  nosuchcolumn")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("line 2, column 3")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("42703")));
    }

    void badConnectionExitsTwoWithLibpqMessage()
    {
        const QString socketDir = m_conninfo.section(QStringLiteral("host="), 1).section(QLatin1Char(' '), 0, 0);
        const Run wrongPort = cli({QStringLiteral("query"), QStringLiteral("--db"),
                                   QStringLiteral("host=%1 port=1 user=postgres").arg(socketDir), QStringLiteral("SELECT 1")});
        QCOMPARE(wrongPort.exitCode, 2);
        QVERIFY2(wrongPort.err.contains(QStringLiteral("connection to server")), qPrintable(wrongPort.err));
        const Run wrongDb = cli({QStringLiteral("query"), QStringLiteral("--db"), m_conninfo + QStringLiteral(" dbname=nope_db"),
                                 QStringLiteral("SELECT 1")});
        QCOMPARE(wrongDb.exitCode, 2);
        QVERIFY2(wrongDb.err.contains(QStringLiteral("nope_db")), qPrintable(wrongDb.err));
        const Run malformed = cli({QStringLiteral("query"), QStringLiteral("--db"), QStringLiteral("host='x"), QStringLiteral("SELECT 1")});
        QCOMPARE(malformed.exitCode, 2);
    }

    void sandboxLifecycle()
    {
        QTemporaryDir tmp;
        QVERIFY(QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                      | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                      | QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString dir = tmp.filePath(QStringLiteral("sbx"));
        const Run start = cli({QStringLiteral("sandbox"), QStringLiteral("start"), QStringLiteral("--dir"), dir});
        QCOMPARE(start.exitCode, 0);
        const QString conninfo = start.out.trimmed().split(QLatin1Char('\n')).last();
        QVERIFY2(conninfo.startsWith(QStringLiteral("host=")) && conninfo.contains(QStringLiteral("port=")),
                 qPrintable(start.out));
        const Run query = cli({QStringLiteral("query"), QStringLiteral("--db"), conninfo, QStringLiteral("SELECT 40 + 2")});
        QCOMPARE(query.exitCode, 0);
        QVERIFY(query.out.contains(QStringLiteral("42")));
        const Run status = cli({QStringLiteral("sandbox"), QStringLiteral("status"), QStringLiteral("--dir"), dir});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.contains(QStringLiteral("running")));
        const Run stop = cli({QStringLiteral("sandbox"), QStringLiteral("stop"), QStringLiteral("--dir"), dir});
        QCOMPARE(stop.exitCode, 0);
        const Run after = cli({QStringLiteral("sandbox"), QStringLiteral("status"), QStringLiteral("--dir"), dir});
        QCOMPARE(after.exitCode, 1);
        QVERIFY(after.out.contains(QStringLiteral("stopped")));
        const Run queryStopped = cli({QStringLiteral("query"), QStringLiteral("--db"), conninfo, QStringLiteral("SELECT 1")});
        QCOMPARE(queryStopped.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
