// Every slipway-cli command given bad input, as a table: missing, binary and UTF-16 files,
// truncated and deeply nested JSON, unterminated dollar quotes, conninfo garbage, unknown
// databases, duplicate and malformed migration versions, out-of-range options, unwritable output
// paths, a SQLite file that does not exist. Each row must end (no hang), without a signal, with
// exit 1 or 2, and with a message on stderr that names the input (the file, the option or the
// database) — and leave nothing behind: no SQLite file created, no migration applied. Real child
// processes against the fixture's server.

#include "clirun.h"
#include "db/localcluster.h"
#include "db/pgconnection.h"
#include "schemafixtures.h"
#include "testfiles.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char Database[] = "slipway_cli_bad_input";
constexpr int CliTimeoutMs = 60000;

} // namespace

class TestCliBadInput : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_conninfo;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    void file(const QString &name, const QByteArray &bytes) { TestFiles::write(path(name), bytes); }

    // %D the fixture folder, %DB the fixture database, %OTHER a database that does not exist.
    QStringList expand(const QStringList &arguments) const
    {
        QString other = m_conninfo;
        other.replace(QString::fromLatin1(Database), QStringLiteral("no_such_database_here"));
        QStringList out;
        for (QString argument : arguments) {
            argument.replace(QStringLiteral("%OTHER"), other);
            argument.replace(QStringLiteral("%DB"), m_conninfo);
            argument.replace(QStringLiteral("%D"), m_dir.path());
            out << argument;
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_conninfo = SchemaFixtures::recreateDatabase(QString::fromLatin1(Database), {}, &error);
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
        QByteArray binary;
        for (int i = 0; i < 4096; ++i)
            binary.append(char((i * 7919 + 13) % 256));
        file(QStringLiteral("binary.sql"), binary);
        file(QStringLiteral("binary.json"), binary);
        file(QStringLiteral("utf16.sql"), QByteArray("\xFF\xFE", 2) + QByteArray("S\0E\0L\0", 6));
        file(QStringLiteral("nul.sql"), QByteArray("SELECT 1;\n\0DROP TABLE t;\n", 25));
        file(QStringLiteral("dollar.sql"), "SELECT $body$ never closed;\n");
        file(QStringLiteral("truncated.json"), "[{\"Plan\": {\"Node Type\": \"Seq Sc");
        file(QStringLiteral("nested.json"), QByteArray(200000, '['));
        file(QStringLiteral("notaplan.json"), "{\"hello\": 1}");
        file(QStringLiteral("plan.json"),
             "[{\"Plan\": {\"Node Type\": \"Result\", \"Startup Cost\": 0, \"Total Cost\": 0.01, "
             "\"Plan Rows\": 1, \"Plan Width\": 4}}]");
        file(QStringLiteral("checklist-truncated.json"), "{\"name\": \"x\", \"items\": [");
        file(QStringLiteral("checklist-nested.json"), QByteArray(100000, '{'));
        file(QStringLiteral("dup/V1__a.sql"), "CREATE TABLE dup_a (id int);\n");
        file(QStringLiteral("dup/V1__b.sql"), "CREATE TABLE dup_b (id int);\n");
        file(QStringLiteral("malformed/V1__ok.sql"), "CREATE TABLE malformed_ok (id int);\n");
        file(QStringLiteral("malformed/Vx1__bad.sql"), "CREATE TABLE malformed_bad (id int);\n");
        file(QStringLiteral("nulmig/V1__nul.sql"), QByteArray("CREATE TABLE nul_t (id int);\0", 29));
        file(QStringLiteral("utf16mig/V1__u.sql"), QByteArray("\xFF\xFE", 2) + QByteArray("C\0R\0", 4));
        file(QStringLiteral("good/V1__t.sql"), "CREATE TABLE good_t (id int);\n");
    }

    void cleanupTestCase()
    {
        QString error;
        QVERIFY2(SchemaFixtures::dropDatabase(QString::fromLatin1(Database), &error), qPrintable(error));
    }

    void refusedWithOneClearMessage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("names"); // what the message must name
        const auto row = [](const char *name, QStringList arguments, int code, const char *names) {
            QTest::newRow(name) << arguments << code << QString::fromUtf8(names);
        };
        const QString db = QStringLiteral("--db");
        const QString dir = QStringLiteral("--dir");
        using L = QStringList;
        const auto s = [](const char *text) { return QString::fromUtf8(text); };

        // lint
        row("lint missing file", L{s("lint"), s("%D/nope.sql")}, 2, "nope.sql");
        row("lint binary file", L{s("lint"), s("%D/binary.sql")}, 2, "binary.sql");
        row("lint UTF-16 file", L{s("lint"), s("%D/utf16.sql")}, 2, "utf16.sql");
        row("lint NUL byte", L{s("lint"), s("%D/nul.sql")}, 2, "nul.sql");
        row("lint unterminated dollar quote", L{s("lint"), s("%D/dollar.sql")}, 1, "dollar.sql");
        row("lint bad format", L{s("lint"), s("--format"), s("xml"), s("%D/good")}, 2, "xml");
        row("lint pg version out of range", L{s("lint"), s("--pg-version"), s("7"), s("%D/good")}, 2, "pg-version");
        row("lint unknown rule", L{s("lint"), s("--explain"), s("no-such-rule")}, 2, "no-such-rule");
        row("lint bad conninfo", L{s("lint"), db, s("host=='"), s("%D/good")}, 2, "\"='\"");
        // query
        row("query conninfo garbage", L{s("query"), db, s("host=='"), s("SELECT 1")}, 2, "\"='\"");
        row("query unknown database", L{s("query"), db, s("%OTHER"), s("SELECT 1")}, 2, "no_such_database_here");
        row("query missing SQLite file", L{s("query"), s("--sqlite"), s("%D/absent.db"), s("SELECT 1")}, 2, "absent.db");
        row("query unterminated dollar quote", L{s("query"), db, s("%DB"), s("SELECT $$x")}, 1, "");
        row("query without SQL", L{s("query"), db, s("%DB")}, 2, "SQL");
        // migration verbs
        row("status missing folder", L{s("status"), db, s("%DB"), dir, s("%D/absent")}, 2, "absent");
        row("migrate duplicate versions", L{s("migrate"), db, s("%DB"), dir, s("%D/dup")}, 2, "V1__");
        row("migrate malformed version", L{s("migrate"), db, s("%DB"), dir, s("%D/malformed")}, 2, "Vx1__bad.sql");
        row("migrate NUL in a migration", L{s("migrate"), db, s("%DB"), dir, s("%D/nulmig")}, 2, "V1__nul.sql");
        row("migrate UTF-16 migration", L{s("migrate"), db, s("%DB"), dir, s("%D/utf16mig")}, 2, "V1__u.sql");
        row("migrate unknown database", L{s("migrate"), db, s("%OTHER"), dir, s("%D/good")}, 2, "no_such_database_here");
        row("migrate conninfo garbage", L{s("migrate"), db, s("port=notanumber"), dir, s("%D/good")}, 2, "port");
        row("migrate negative lock timeout", L{s("migrate"), db, s("%DB"), dir, s("%D/good"), s("--lock-timeout"), s("-1")}, 2, "--lock-timeout");
        row("migrate lock wait not a number", L{s("migrate"), db, s("%DB"), dir, s("%D/good"), s("--lock-wait"), s("soon")}, 2, "--lock-wait");
        row("migrate bad variable", L{s("migrate"), db, s("%DB"), dir, s("%D/good"), s("--var"), s("novalue")}, 2, "novalue");
        row("migrate unknown dialect", L{s("migrate"), db, s("%DB"), dir, s("%D/good"), s("--dialect"), s("liquid")}, 2, "liquid");
        row("migrate missing SQLite file", L{s("status"), s("--sqlite"), s("%D/absent2.db"), dir, s("%D/good")}, 2, "absent2.db");
        row("rollback steps zero", L{s("rollback"), db, s("%DB"), dir, s("%D/good"), s("--steps"), s("0")}, 2, "--steps");
        row("rollback without steps", L{s("rollback"), db, s("%DB"), dir, s("%D/good")}, 2, "--steps");
        row("baseline without version", L{s("baseline"), db, s("%DB"), dir, s("%D/good")}, 2, "--version");
        row("validate unknown option", L{s("validate"), db, s("%DB"), dir, s("%D/good"), s("--frobnicate")}, 2, "frobnicate");
        // explain and explain-diff
        row("explain missing plan", L{s("explain"), s("%D/absent.json")}, 2, "absent.json");
        row("explain truncated JSON", L{s("explain"), s("%D/truncated.json")}, 2, "truncated.json");
        row("explain deeply nested JSON", L{s("explain"), s("%D/nested.json")}, 2, "nested.json");
        row("explain binary plan", L{s("explain"), s("%D/binary.json")}, 2, "binary.json");
        row("explain JSON that is no plan", L{s("explain"), s("%D/notaplan.json")}, 2, "notaplan.json");
        row("explain unknown format", L{s("explain"), s("--format"), s("gif"), s("%D/plan.json")}, 2, "gif");
        row("explain unknown heat", L{s("explain"), s("--heat"), s("colour"), s("--format"), s("svg"), s("%D/plan.json")}, 2, "colour");
        row("explain unwritable output", L{s("explain"), s("--format"), s("svg"), s("--out"), s("%D/no/such/dir/plan.svg"), s("%D/plan.json")}, 1, "plan.svg");
        row("explain SQL on an unknown database", L{s("explain"), db, s("%OTHER"), s("--sql"), s("SELECT 1")}, 2, "no_such_database_here");
        row("explain-diff missing second plan", L{s("explain-diff"), s("%D/plan.json"), s("%D/absent.json")}, 2, "absent.json");
        row("explain-diff truncated plan", L{s("explain-diff"), s("%D/truncated.json"), s("%D/plan.json")}, 2, "truncated.json");
        // schema, health, backup
        row("schema conninfo garbage", L{s("schema"), db, s("host=='")}, 2, "\"='\"");
        row("schema missing SQLite file", L{s("schema"), s("--sqlite"), s("%D/absent3.db")}, 2, "absent3.db");
        row("schema unknown database", L{s("schema"), db, s("%OTHER")}, 2, "no_such_database_here");
        row("health unknown database", L{s("health"), db, s("%OTHER")}, 2, "no_such_database_here");
        row("health rows not a number", L{s("health"), db, s("%DB"), s("--min-rows"), s("many")}, 2, "--min-rows");
        row("backup unwritable output", L{s("backup"), db, s("%DB"), s("--out"), s("%D/no/such/dir/x.dump")}, 1, "x.dump");
        row("backup unknown database", L{s("backup"), db, s("%OTHER"), s("--out"), s("%D/x.dump")}, 1, "no_such_database_here");
        // deploy and audit
        row("deploy missing folder", L{s("deploy"), db, s("%DB"), dir, s("%D/absent")}, 2, "absent");
        row("deploy truncated checklist", L{s("deploy"), db, s("%DB"), dir, s("%D/good"), s("--checklist"), s("%D/checklist-truncated.json")}, 2, "checklist-truncated.json");
        row("deploy deeply nested checklist", L{s("deploy"), db, s("%DB"), dir, s("%D/good"), s("--checklist"), s("%D/checklist-nested.json")}, 2, "checklist-nested.json");
        row("deploy binary checklist", L{s("deploy"), db, s("%DB"), dir, s("%D/good"), s("--checklist"), s("%D/binary.json")}, 2, "binary.json");
        row("deploy sign unknown item", L{s("deploy"), db, s("%DB"), dir, s("%D/good"), s("--sign"), s("nobody=Ann: ok")}, 2, "nobody");
        row("audit since garbage", L{s("audit"), s("--since"), s("yesterday-ish")}, 2, "yesterday-ish");
        row("unknown command", L{s("frobnicate")}, 2, "frobnicate");
    }

    void refusedWithOneClearMessage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, names);
        const QStringList expanded = expand(arguments);
        const TestSandbox::CliRun run
            = TestSandbox::runCli(expanded, {.timeoutMs = CliTimeoutMs, .workingDirectory = m_dir.path()});
        QVERIFY2(run.exitCode != -1, "did not end in time");
        QVERIFY2(run.exitCode != -2, qPrintable(QStringLiteral("crashed: ") + run.err));
        QVERIFY2(run.exitCode == exitCode,
                 qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.exitCode).arg(run.err)));
        // Lint findings are the command's output (stdout); everything else is said on stderr.
        const QString err = arguments.first() == QLatin1String("lint") && exitCode == 1
                                ? run.out.trimmed()
                                : run.err.trimmed();
        QVERIFY2(!err.isEmpty(), "no message");
        QVERIFY2(!err.contains(QStringLiteral("unexpected error")), qPrintable(err));
        if (!names.isEmpty())
            QVERIFY2(err.contains(names), qPrintable(err));
    }

    // The fixture's server trusts local connections, so a wrong password needs a server of its own
    // that asks for one: a sandbox whose pg_hba.conf demands SCRAM from every role but postgres.
    // Each command must refuse with one message that names the failure, and never repeat the
    // password (not on stderr, not on stdout); the right password must work (the control).
    void wrongPasswordIsRefused()
    {
        // As root the server runs as postgres, which must be able to pass through the test folder.
        QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ExeOther);
        LocalCluster cluster(path(QStringLiteral("password-server")));
        try {
            cluster.start();
        } catch (const LocalCluster::Error &error) {
            QFAIL(qPrintable(error.message()));
        }
        const auto stop = qScopeGuard([&cluster] { cluster.stop(); });
        {
            PgConnection admin(cluster.conninfo());
            admin.open();
            admin.execute(QStringLiteral("CREATE ROLE pw_user LOGIN PASSWORD 'right-secret-4711'"));
        }
        QFile hba(cluster.dataDirectory() + QStringLiteral("/pg_hba.conf"));
        QVERIFY2(hba.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(hba.errorString()));
        hba.write("local all postgres trust\nlocal all all scram-sha-256\n");
        hba.close();
        {
            PgConnection admin(cluster.conninfo());
            admin.open();
            QCOMPARE(admin.fetchAll(QStringLiteral("SELECT pg_reload_conf()")).text(0, 0),
                     QStringLiteral("t"));
        }
        const QString base = QStringLiteral("host=%1 port=%2 dbname=postgres user=pw_user")
                                 .arg(cluster.socketDirectory())
                                 .arg(cluster.port());
        const QString wrong = base + QStringLiteral(" password=wrong-secret-0815");
        const QString right = base + QStringLiteral(" password=right-secret-4711");
        // pg_reload_conf() only signals: poll until the new rules are in force.
        QTRY_VERIFY_WITH_TIMEOUT(
            TestSandbox::runCli({QStringLiteral("query"), QStringLiteral("--db"), wrong,
                                 QStringLiteral("SELECT 1")})
                    .exitCode
                != 0,
            20000);
        const QString dir = path(QStringLiteral("good"));
        const QList<QStringList> commands = {
            {QStringLiteral("query"), QStringLiteral("--db"), wrong, QStringLiteral("SELECT 1")},
            {QStringLiteral("status"), QStringLiteral("--db"), wrong, QStringLiteral("--dir"), dir},
            {QStringLiteral("migrate"), QStringLiteral("--db"), wrong, QStringLiteral("--dir"), dir},
            {QStringLiteral("schema"), QStringLiteral("--db"), wrong},
            {QStringLiteral("health"), QStringLiteral("--db"), wrong},
            {QStringLiteral("lint"), QStringLiteral("--db"), wrong, dir},
        };
        for (const QStringList &command : commands) {
            const TestSandbox::CliRun run = TestSandbox::runCli(command, {.timeoutMs = CliTimeoutMs});
            const QString what = command.first() + QStringLiteral(": exit %1, stderr: %2")
                                                       .arg(run.exitCode)
                                                       .arg(run.err);
            QVERIFY2(run.exitCode == 2, qPrintable(what));
            QVERIFY2(run.err.contains(QStringLiteral("password authentication failed")),
                     qPrintable(what));
            QVERIFY2(!run.err.contains(QStringLiteral("wrong-secret-0815"))
                         && !run.out.contains(QStringLiteral("wrong-secret-0815")),
                     qPrintable(what));
        }
        const TestSandbox::CliRun control = TestSandbox::runCli(
            {QStringLiteral("status"), QStringLiteral("--db"), right, QStringLiteral("--dir"), dir});
        QVERIFY2(control.exitCode == 0, qPrintable(control.err));
        QVERIFY2(!control.err.contains(QStringLiteral("right-secret-4711"))
                     && !control.out.contains(QStringLiteral("right-secret-4711")),
                 qPrintable(control.out + control.err));
    }

    // What the refused runs must not have left behind.
    void nothingWasChanged()
    {
        for (const char *absent : {"absent.db", "absent2.db", "absent3.db"})
            QVERIFY2(!QFileInfo::exists(path(QString::fromLatin1(absent))), absent);
        PgConnection db(m_conninfo);
        db.open();
        QCOMPARE(db.fetchAll(QStringLiteral("SELECT count(*) FROM pg_class WHERE relname IN "
                                            "('dup_a', 'dup_b', 'malformed_ok', 'nul_t', 'good_t')"))
                     .text(0, 0),
                 QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_clibadinput.moc"
