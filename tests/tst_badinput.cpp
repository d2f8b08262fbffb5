// Bad input to the SQL reader, the linter and the migration runner: binary files, NUL bytes,
// invalid UTF-8, UTF-16, empty files, folders where files are expected and missing files. Each
// is refused with one message naming the file (and line and column where there is one), or read
// whole; never a hang, never a script silently cut short at a NUL. The CLI cases run the real
// slipway-cli with a timeout, and the in-process ones on a watchdog thread, so a loop that stops
// making progress fails the suite at once instead of hanging it.

#include "clirun.h"
#include "db/pgconnection.h"
#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationrunner.h"
#include "schemafixtures.h"
#include "sql/parsedscript.h"
#include "sql/psqlscanner.h"
#include "sql/sqlscript.h"
#include "sql/statementsplitter.h"
#include "testfiles.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <random>
#include <thread>

namespace {

using TestFiles::write;

constexpr int CliTimeoutMs = 30000;
constexpr std::chrono::seconds WorkTimeout{20};

// A string literal's bytes, NUL bytes included (without the terminating one).
template<qsizetype N>
QByteArray bytesOf(const char (&text)[N])
{
    return QByteArray(text, N - 1);
}

// `size` bytes from std::mt19937, whose output the C++ standard fixes for a seed.
QByteArray randomBytes(unsigned seed, int size = 4096)
{
    std::mt19937 generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(generator() & 0xFF);
    return bytes;
}

// Runs `work` on a thread of its own. When it does not finish in time a loop is making no
// progress: the process ends at once with the input's name rather than hang the whole suite.
void finishesInTime(const QByteArray &name, const std::function<void()> &work)
{
    std::promise<void> finished;
    std::future<void> done = finished.get_future();
    std::thread worker([&work, &finished] {
        work();
        finished.set_value();
    });
    if (done.wait_for(WorkTimeout) != std::future_status::ready) {
        std::fprintf(stderr,
                     "FAIL: %s did not finish within %lld s: a loop makes no progress\n",
                     name.constData(),
                     static_cast<long long>(WorkTimeout.count()));
        std::fflush(stderr);
        std::_Exit(1); // the worker still spins; nothing can join it
    }
    worker.join();
}

QStringList rulesOf(const QList<Finding> &findings)
{
    QStringList rules;
    for (const Finding &finding : findings)
        rules << QStringLiteral("%1@%2").arg(finding.rule).arg(finding.line);
    return rules;
}

// `slipway-cli ARGS` in `directory`, failing the calling test when it does not end in time.
TestSandbox::CliRun cli(const QStringList &arguments, const QString &directory)
{
    TestSandbox::CliRun run = TestSandbox::runCli(arguments,
                                                  {.timeoutMs = CliTimeoutMs,
                                                   .workingDirectory = directory});
    if (run.exitCode == -1)
        qWarning("slipway-cli %s: %s",
                 qPrintable(arguments.join(QLatin1Char(' '))),
                 qPrintable(run.err));
    return run;
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_conninfo;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    void file(const QString &name, const QByteArray &bytes) { write(path(name), bytes); }

    // A fresh database named after the running test and an empty folder.
    void fresh()
    {
        const QString name = QStringLiteral("bad_%1").arg(
            QString::fromLatin1(QTest::currentTestFunction()).toLower());
        QString error;
        m_conninfo = SchemaFixtures::recreateDatabase(name, {}, &error);
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
        m_dir = std::make_unique<QTemporaryDir>();
    }

    QString value(const QString &sql)
    {
        PgConnection connection(m_conninfo);
        connection.open();
        return connection.fetchAll(sql).text(0, 0);
    }

    MigrationRunResult migrate()
    {
        PgConnection connection(m_conninfo);
        connection.open();
        MigrationRunner runner(connection, m_dir->path());
        return runner.migrate();
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    // ---- the hang: psql meta-command arguments with \f or \v in them --------------------------

    void scannerEndsOnEveryInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        // The smallest inputs that hung: the argument reader skipped only ' ', \t and \r between
        // arguments, and the word reader stops at any whitespace, so at a \f or \v neither
        // advanced.
        QTest::newRow("form feed after a command") << QByteArray("\\echo \f");
        QTest::newRow("vertical tab ends the name") << QByteArray("\\x\v1");
        QTest::newRow("form feed between arguments")
            << QByteArray("SELECT 1;\n\\set a 1\f2\nDROP TABLE t;\n");
        QTest::newRow("\\g with a vertical tab") << QByteArray("SELECT 1 \\g \v out\n");
        // 4 KB of random bytes, as `head -c 4096 /dev/urandom` makes them: each of these seeds
        // hung `slipway-cli lint`.
        for (unsigned seed = 1; seed <= 8; ++seed)
            QTest::addRow("random 4 KB, seed %u", seed) << randomBytes(seed);
    }

    void scannerEndsOnEveryInput()
    {
        QFETCH(QByteArray, input);
        const QByteArray name = QTest::currentDataTag();
        qsizetype maskedSize = -1;
        finishesInTime(name, [&input, &maskedSize] {
            maskedSize = PsqlScanner::scan(input).masked.size();
        });
        QCOMPARE(maskedSize, input.size());
        // What the editor does with such a file: decode it (invalid bytes become U+FFFD) and lint.
        finishesInTime(name, [&input] {
            Linter linter;
            linter.lintFile(QStringLiteral("x.sql"), QString::fromUtf8(input));
            StatementSplitter::splitScript(QString::fromUtf8(input));
        });
    }

    void scannerEndsOnGeneratedScripts()
    {
        // Random mixes of what the scanner treats specially: quotes of every kind, dollar
        // quotes, comments left open, meta-commands with odd whitespace, COPY data, \if.
        QList<QByteArray> pieces
            = QByteArray(
                  "SELECT CREATE FUNCTION BEGIN ATOMIC END CASE COPY FROM STDIN DROP TABLE t ; "
                  "' '' \" $$ $a$ $ $1 E' U&' U&\" B' N' \\ \\\\ \\g \\if \\elif \\else "
                  "\\endif \\set \\copy \\. \\; \\: \\echo /* */ -- ( ) [ ] : :'v' :{?v} | ` "
                  "1e5 é \xF0\x9F\x98\x80")
                  .split(' ');
        pieces += {"\n", " ", "\t", "\r", "\f", "\v", QByteArray(70, 'x')};
        pieces += "SET standard_conforming_strings = off;";
        std::mt19937 generator(20240601);
        for (int script = 0; script < 300; ++script) {
            QByteArray input;
            const int count = 1 + int(generator() % 400);
            for (int k = 0; k < count; ++k) {
                input += pieces.at(qsizetype(generator() % unsigned(pieces.size())));
                if (generator() % 3 == 0)
                    input += ' ';
            }
            finishesInTime("generated script " + QByteArray::number(script), [&input] {
                Linter linter;
                linter.lintFile(QStringLiteral("x.sql"), QString::fromUtf8(input));
            });
        }
    }

    // ---- SqlFile: what PostgreSQL would refuse, with its position ----------------------------

    void checkFindsTheFirstBadByte_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("offset"); // -1: fine
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message"); // the start of it

        const QString nul = QStringLiteral("contains a NUL byte");
        const QString utf8 = QStringLiteral("invalid UTF-8");
        QTest::newRow("empty") << QByteArray() << qsizetype(-1) << 0 << 0 << QString();
        QTest::newRow("plain SQL")
            << QByteArray("SELECT 1;\n") << qsizetype(-1) << 0 << 0 << QString();
        QTest::newRow("UTF-8 text")
            << QByteArray("SELECT 'é😀';\n") << qsizetype(-1) << 0 << 0 << QString();
        QTest::newRow("UTF-8 byte order mark")
            << QByteArray("\xEF\xBB\xBFSELECT 1;\n") << qsizetype(-1) << 0 << 0 << QString();
        QTest::newRow("NUL first") << bytesOf("\0SELECT 1;") << qsizetype(0) << 1 << 1 << nul;
        QTest::newRow("NUL between statements")
            << bytesOf("CREATE TABLE t (id int);\n\0\nDROP TABLE t;\n") << qsizetype(25) << 2 << 1
            << nul;
        QTest::newRow("NUL in a string")
            << bytesOf("SELECT 1;\nSELECT 'a\0b';\n") << qsizetype(19) << 2 << 10 << nul;
        // Columns count UTF-16 code units, as every position in Slipway does.
        QTest::newRow("NUL after a wide character")
            << bytesOf("SELECT '😀\0';") << qsizetype(12) << 1 << 11 << nul;
        QTest::newRow("NUL after a byte order mark")
            << bytesOf("\xEF\xBB\xBFSELECT\0") << qsizetype(9) << 1 << 7 << nul;
        QTest::newRow("UTF-16 LE without a byte order mark")
            << bytesOf("S\0E\0L\0") << qsizetype(1) << 1 << 2 << nul;
        QTest::newRow("UTF-16 LE byte order mark") << bytesOf("\xFF\xFES\0E\0") << qsizetype(0) << 1
                                                   << 1 << QStringLiteral("is UTF-16 text");
        QTest::newRow("UTF-16 BE byte order mark") << bytesOf("\xFE\xFF\0S\0E") << qsizetype(0) << 1
                                                   << 1 << QStringLiteral("is UTF-16 text");
        QTest::newRow("Latin-1 é")
            << QByteArray("SELECT 1;\nSELECT 'caf\xE9';\n") << qsizetype(21) << 2 << 12 << utf8;
        QTest::newRow("lone continuation byte")
            << QByteArray("\x80") << qsizetype(0) << 1 << 1 << utf8;
        QTest::newRow("overlong NUL") << QByteArray("a\xC0\x80") << qsizetype(1) << 1 << 2 << utf8;
        QTest::newRow("overlong three bytes")
            << QByteArray("\xE0\x80\xAF") << qsizetype(0) << 1 << 1 << utf8;
        QTest::newRow("UTF-16 surrogate")
            << QByteArray("\xED\xA0\x80") << qsizetype(0) << 1 << 1 << utf8;
        QTest::newRow("above U+10FFFF")
            << QByteArray("\xF4\x90\x80\x80") << qsizetype(0) << 1 << 1 << utf8;
        QTest::newRow("truncated at the end")
            << QByteArray("SELECT '\xE2\x82") << qsizetype(8) << 1 << 9 << utf8;
        QTest::newRow("0xFF") << QByteArray("\n\n  \xFF") << qsizetype(4) << 3 << 3 << utf8;
    }

    void checkFindsTheFirstBadByte()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, offset);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const SqlFile::Problem problem = SqlFile::check(bytes);
        QCOMPARE(problem.offset, offset);
        if (offset < 0)
            return;
        QCOMPARE(problem.line, line);
        QCOMPARE(problem.column, column);
        QVERIFY2(problem.message.startsWith(message), qPrintable(problem.message));
        // The byte offset is in the message too, for files whose lines are long.
        if (message != QLatin1String("is UTF-16 text"))
            QVERIFY2(problem.message.contains(QStringLiteral("byte offset %1").arg(offset)),
                     qPrintable(problem.message));
    }

    void readNamesFileLineAndColumn()
    {
        QString text;
        QString error;
        file(QStringLiteral("nul.sql"), bytesOf("SELECT 1;\nSELECT\0 2;\n"));
        QVERIFY(!SqlFile::read(path(QStringLiteral("nul.sql")), &text, &error));
        QVERIFY2(error.startsWith(path(QStringLiteral("nul.sql")) + QStringLiteral(":2:7: ")
                                  + QStringLiteral("contains a NUL byte at byte offset 16")),
                 qPrintable(error));

        file(QStringLiteral("latin1.sql"), "SELECT 'caf\xE9';\n");
        QVERIFY(!SqlFile::read(path(QStringLiteral("latin1.sql")), &text, &error));
        QVERIFY2(error.startsWith(path(QStringLiteral("latin1.sql"))
                                  + QStringLiteral(":1:12: invalid UTF-8 at byte offset 11 "
                                                   "(byte 0xe9)")),
                 qPrintable(error));

        QVERIFY(!SqlFile::read(path(QStringLiteral("missing.sql")), &text, &error));
        QVERIFY2(error.startsWith(path(QStringLiteral("missing.sql"))
                                  + QStringLiteral(": cannot read the file")),
                 qPrintable(error));

        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("folder.sql")));
        QVERIFY(!SqlFile::read(path(QStringLiteral("folder.sql")), &text, &error));
        QCOMPARE(error,
                 path(QStringLiteral("folder.sql"))
                     + QStringLiteral(": is a folder, not a SQL file"));

        // A UTF-8 byte order mark is read past, an empty file is empty text.
        file(QStringLiteral("bom.sql"), "\xEF\xBB\xBFSELECT 1;\n");
        QVERIFY2(SqlFile::read(path(QStringLiteral("bom.sql")), &text, &error), qPrintable(error));
        QCOMPARE(text, QStringLiteral("SELECT 1;\n"));
        file(QStringLiteral("empty.sql"), QByteArray());
        QVERIFY2(SqlFile::read(path(QStringLiteral("empty.sql")), &text, &error), qPrintable(error));
        QVERIFY(text.isEmpty());
    }

    // ---- a NUL in text that reaches the parser never hides what follows ----------------------

    void nulInTextHidesNothing()
    {
        // The editor lints text that did not come from SqlFile::read.
        const QString text = QString::fromUtf8(
            bytesOf("SET lock_timeout = '1s';\nSET statement_timeout = '1min';\n"
                    "SELECT 'a\0b';\nDROP TABLE t;\n"));
        QVERIFY(text.contains(QChar(0)));
        const ParsedScript parsed = ParsedScript::parse(text);
        QCOMPARE(parsed.statements().size(), 4);
        QVERIFY(!parsed.statements().at(2).ok());
        QVERIFY2(parsed.statements().at(2).error.contains(QLatin1String("NUL byte")),
                 qPrintable(parsed.statements().at(2).error));
        QVERIFY(parsed.statements().at(3).ok());

        Linter linter;
        const QStringList rules = rulesOf(linter.lintFile(QStringLiteral("x.sql"), text));
        QVERIFY2(rules.contains(QStringLiteral("syntax-error@3")),
                 qPrintable(rules.join(QLatin1Char(' '))));
        QVERIFY2(rules.contains(QStringLiteral("ban-drop-table@4")),
                 qPrintable(rules.join(QLatin1Char(' '))));

        // The console's split keeps the statement after the NUL too.
        QCOMPARE(StatementSplitter::split(text).size(), 4);
    }

    void folderLinterRefusesNul()
    {
        file(QStringLiteral("V1__ok.sql"), "CREATE TABLE a (id bigint);\n");
        file(QStringLiteral("V2__nul.sql"),
             bytesOf("CREATE TABLE b (id bigint);\n\0\nDROP TABLE a;\n"));
        const MigrationFolder folder = MigrationFolder::read(m_dir->path());
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        Linter linter;
        QStringList errors;
        const QList<Finding> findings = FolderLinter::lint(folder, linter, &errors);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(path(QStringLiteral("V2__nul.sql"))
                                           + QLatin1String(":2:1: ")),
                 qPrintable(errors.first()));
        QVERIFY2(errors.first().contains(QLatin1String("NUL byte")), qPrintable(errors.first()));
        for (const Finding &finding : findings)
            QVERIFY(!finding.file.endsWith(QLatin1String("V2__nul.sql")));
    }

    // ---- the migration runner refuses, before running anything ------------------------------

    void runnerRefusesBadFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // after "PATH:"

        QTest::newRow("NUL byte") << QStringLiteral("V2__nul.sql")
                                  << bytesOf("CREATE TABLE b (id int);\n\0DROP TABLE a;\n")
                                  << QStringLiteral("2:1: contains a NUL byte");
        QTest::newRow("invalid UTF-8")
            << QStringLiteral("V2__latin1.sql")
            << QByteArray("CREATE TABLE b (id int);\nINSERT INTO a VALUES ('caf\xE9');\n")
            << QStringLiteral("2:27: invalid UTF-8");
        QTest::newRow("UTF-16") << QStringLiteral("V2__utf16.sql")
                                << bytesOf("\xFF\xFE"
                                           "C\0R\0")
                                << QStringLiteral("1:1: is UTF-16 text");
        QTest::newRow("random bytes")
            << QStringLiteral("V2__binary.sql") << randomBytes(1) << QString();
    }

    void runnerRefusesBadFiles()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        fresh();
        file(QStringLiteral("V1__ok.sql"), "CREATE TABLE a (id int);\n");
        file(name, bytes);
        const MigrationRunResult result = migrate();
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::InputError);
        QCOMPARE(result.exitCode(), 2);
        QVERIFY2(result.message.contains(path(name) + QLatin1Char(':') + expected),
                 qPrintable(result.message));
        // Nothing ran: not the good migration before it, not the part before the bad byte.
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('a') IS NULL AND to_regclass('b') IS "
                                      "NULL")),
                 QStringLiteral("t"));
    }

    void runnerRefusesBadIncludes()
    {
        fresh();
        file(QStringLiteral("inc/nul.sql"), bytesOf("SELECT 1;\n\0"));
        file(QStringLiteral("V1__include.sql"),
             "CREATE TABLE a (id int);\n\\ir inc/nul.sql\nCREATE TABLE b (id int);\n");
        MigrationRunResult result = migrate();
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::InputError);
        QVERIFY2(result.message.contains(path(QStringLiteral("inc/nul.sql"))
                                         + QLatin1String(":2:1: contains a NUL byte")),
                 qPrintable(result.message));
        QVERIFY2(result.message.contains(path(QStringLiteral("V1__include.sql"))
                                         + QLatin1String(":2:")),
                 qPrintable(result.message));

        // An included path that is a folder.
        file(QStringLiteral("V1__include.sql"), "CREATE TABLE a (id int);\n\\ir inc\n");
        result = migrate();
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::InputError);
        QVERIFY2(result.message.contains(QLatin1String("is a folder, not a SQL file")),
                 qPrintable(result.message));
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('a') IS NULL")), QStringLiteral("t"));
    }

    // ---- slipway-cli ------------------------------------------------------------------------

    void cliLintRefusesBadFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes"); // written unless it is a folder or missing
        QTest::addColumn<QString>("kind");     // file, folder, missing
        QTest::addColumn<QString>("expected"); // a regular expression for stderr

        QTest::newRow("binary file")
            << QStringLiteral("binary.sql") << randomBytes(3) << QStringLiteral("file")
            << QStringLiteral("^binary\\.sql:\\d+:\\d+: (contains a NUL byte|invalid UTF-8) at "
                              "byte offset \\d+");
        QTest::newRow("NUL byte") << QStringLiteral(
            "nul.sql") << bytesOf("CREATE TABLE t (id int);\nSELECT\0 1;\nDROP TABLE t;\n")
                                  << QStringLiteral("file")
                                  << QStringLiteral(
                                         "^nul\\.sql:2:7: contains a NUL byte at byte offset 31 "
                                         "\\(a binary or UTF-16 file\\?\\)");
        QTest::newRow("invalid UTF-8")
            << QStringLiteral("latin1.sql") << QByteArray("SELECT 1;\n\nDROP TABLE \"caf\xE9\";\n")
            << QStringLiteral("file")
            << QStringLiteral(
                   "^latin1\\.sql:3:16: invalid UTF-8 at byte offset 26 \\(byte 0xe9\\)");
        QTest::newRow("UTF-16 with a byte order mark")
            << QStringLiteral("utf16.sql")
            << bytesOf("\xFF\xFE"
                       "D\0R\0O\0P\0")
            << QStringLiteral("file") << QStringLiteral("^utf16\\.sql:1:1: is UTF-16 text");
        QTest::newRow("empty file")
            << QStringLiteral("empty.sql") << QByteArray() << QStringLiteral("file")
            << QStringLiteral("^empty\\.sql: is empty");
        QTest::newRow("a folder named like a file")
            << QStringLiteral("folder.sql") << QByteArray() << QStringLiteral("folder")
            << QStringLiteral("folder\\.sql: no migrations found");
        QTest::newRow("missing file")
            << QStringLiteral("missing.sql") << QByteArray() << QStringLiteral("missing")
            << QStringLiteral("^missing\\.sql: no such file or folder");
        QTest::newRow("migration folder with a NUL")
            << QStringLiteral("migrations") << bytesOf("SELECT 1;\n\0")
            << QStringLiteral("migrations")
            << QStringLiteral("V2__nul\\.sql:2:1: contains a NUL byte");
    }

    void cliLintRefusesBadFiles()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        if (kind == QLatin1String("file")) {
            file(name, bytes);
        } else if (kind == QLatin1String("folder")) {
            QVERIFY(QDir(m_dir->path()).mkdir(name));
        } else if (kind == QLatin1String("migrations")) {
            file(name + QStringLiteral("/V1__ok.sql"), "SELECT 1;\n");
            file(name + QStringLiteral("/V2__nul.sql"), bytes);
        }
        const QRegularExpression pattern(expected);
        QVERIFY(pattern.isValid());
        for (const QString &format : {QStringLiteral("text"), QStringLiteral("json")}) {
            const TestSandbox::CliRun run
                = cli({QStringLiteral("lint"), QStringLiteral("--format"), format, name},
                      m_dir->path());
            QVERIFY2(run.exitCode != -1, "slipway-cli lint did not finish in time");
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(pattern.match(run.err).hasMatch(), qPrintable(run.err));
            // One message, nothing linted: no findings and no summary of a truncated file.
            QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
            QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        }
    }

    void cliLintEndsOnMetaCommandWhitespace()
    {
        // Valid UTF-8 that hung `slipway-cli lint`: a form feed among a meta-command's arguments.
        file(QStringLiteral("ff.sql"), "SELECT 1;\n\\echo a\fb\nDROP TABLE t;\n");
        const TestSandbox::CliRun run = cli({QStringLiteral("lint"), QStringLiteral("ff.sql")},
                                            m_dir->path());
        QVERIFY2(run.exitCode != -1, "slipway-cli lint did not finish in time");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QLatin1String("ff.sql:3:1: error: DROP TABLE t")),
                 qPrintable(run.out + run.err));
    }

    void cliMigrateRefusesNul()
    {
        fresh();
        file(QStringLiteral("V1__ok.sql"), "CREATE TABLE a (id int);\n");
        file(QStringLiteral("V2__nul.sql"),
             bytesOf("CREATE TABLE b (id int);\n\0\nDROP TABLE a;\n"));
        const TestSandbox::CliRun run = cli({QStringLiteral("migrate"),
                                             QStringLiteral("--db"),
                                             m_conninfo,
                                             QStringLiteral("--dir"),
                                             m_dir->path()},
                                            m_dir->path());
        QVERIFY2(run.exitCode != -1, "slipway-cli migrate did not finish in time");
        QCOMPARE(run.exitCode, 2);
        const QString all = run.out + run.err;
        QVERIFY2(all.contains(QStringLiteral("V2__nul.sql:2:1: contains a NUL byte")),
                 qPrintable(all));
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('a') IS NULL AND to_regclass('b') IS "
                                      "NULL")),
                 QStringLiteral("t"));
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
