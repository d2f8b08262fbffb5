// Preparing migration scripts: psql features, the transaction rules and the checksum.

#include "migrations/migrationscript.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

using TestFiles::write;

QStringList sqlOf(const MigrationScript &script)
{
    QStringList result;
    for (const MigrationStep &step : script.steps())
        result << step.sql;
    return result;
}

} // namespace

class TestMigrationScript : public QObject
{
    Q_OBJECT

private slots:
    void plainStatementsKeepTheirLines()
    {
        const MigrationScript script = MigrationScript::prepare(
            QStringLiteral("V1__a.sql"),
            QStringLiteral("-- a comment\nCREATE TABLE t (id int);\n\nINSERT INTO t VALUES (1);\n"),
            QString());
        QVERIFY2(script.isValid(), qPrintable(script.error()));
        QCOMPARE(sqlOf(script),
                 QStringList({QStringLiteral("CREATE TABLE t (id int)"), QStringLiteral("INSERT INTO t VALUES (1)")}));
        QCOMPARE(script.steps().at(0).line, 2);
        QCOMPARE(script.steps().at(1).line, 4);
        QVERIFY(!script.runsOutsideTransaction());
    }

    void variablesAreInterpolated()
    {
        const MigrationScript script = MigrationScript::prepare(
            QStringLiteral("V1__vars.sql"),
            QStringLiteral("\\set ON_ERROR_STOP on\n\\set tbl 'my table'\n"
                           "CREATE TABLE :\"tbl\" (note text DEFAULT :'greeting', n int DEFAULT :answer);\n"
                           "SELECT ':not_a_var', $$:also_not$$;\n"),
            QString(),
            {{QStringLiteral("greeting"), QStringLiteral("it's")}, {QStringLiteral("answer"), QStringLiteral("42")}});
        QVERIFY2(script.isValid(), qPrintable(script.error()));
        QCOMPARE(sqlOf(script).at(0),
                 QStringLiteral("CREATE TABLE \"my table\" (note text DEFAULT 'it''s', n int DEFAULT 42)"));
        QCOMPARE(sqlOf(script).at(1), QStringLiteral("SELECT ':not_a_var', $$:also_not$$"));
    }

    void unsetVariableIsAnErrorWithTheLine()
    {
        const MigrationScript script = MigrationScript::prepare(
            QStringLiteral("V2__missing.sql"), QStringLiteral("SELECT 1;\nSELECT :'who';\n"), QString());
        QVERIFY(!script.isValid());
        QVERIFY2(script.error().startsWith(QStringLiteral("V2__missing.sql:2: ")), qPrintable(script.error()));
        QVERIFY2(script.error().contains(QStringLiteral("--var who=")), qPrintable(script.error()));
        QVERIFY(script.steps().isEmpty());
    }

    void echoAndCopyData()
    {
        const MigrationScript script = MigrationScript::prepare(
            QStringLiteral("V3__copy.sql"),
            QStringLiteral("\\echo loading colours\nCOPY colours (id, name) FROM stdin;\n1\tred\n2\tgreen\n\\.\n"
                           "SELECT 2;\n"),
            QString());
        QVERIFY2(script.isValid(), qPrintable(script.error()));
        QCOMPARE(script.steps().size(), 3);
        QCOMPARE(script.steps().at(0).kind, MigrationStep::Kind::Echo);
        QCOMPARE(script.steps().at(0).sql, QStringLiteral("loading colours"));
        QCOMPARE(script.steps().at(1).kind, MigrationStep::Kind::CopyIn);
        QCOMPARE(script.steps().at(1).copyData, QByteArray("1\tred\n2\tgreen\n"));
        QCOMPARE(script.steps().at(2).sql, QStringLiteral("SELECT 2"));
        QCOMPARE(script.statementCount(), 2);
    }

    void includesRelativeAndFromTheFolder()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("shared/common.sql")), "CREATE TABLE common (id int);\n");
        write(dir.filePath(QStringLiteral("migrations/part.sql")), "\n\nCREATE TABLE part (id int);\n");
        const QString main = dir.filePath(QStringLiteral("migrations/V1__main.sql"));
        const MigrationScript script = MigrationScript::prepare(
            main, QStringLiteral("\\i shared/common.sql\n\\ir part.sql\nSELECT 1;\n"), dir.path());
        QVERIFY2(script.isValid(), qPrintable(script.error()));
        QCOMPARE(sqlOf(script), QStringList({QStringLiteral("CREATE TABLE common (id int)"),
                                             QStringLiteral("CREATE TABLE part (id int)"),
                                             QStringLiteral("SELECT 1")}));
        QCOMPARE(script.steps().at(1).file, dir.filePath(QStringLiteral("migrations/part.sql")));
        QCOMPARE(script.steps().at(1).line, 3);

        const MigrationScript missing = MigrationScript::prepare(main, QStringLiteral("SELECT 1;\n\\ir nope.sql\n"), dir.path());
        QVERIFY(!missing.isValid());
        QVERIFY2(missing.error().contains(QStringLiteral("V1__main.sql:2:")), qPrintable(missing.error()));
        QVERIFY2(missing.error().contains(QStringLiteral("nope.sql")), qPrintable(missing.error()));

        write(dir.filePath(QStringLiteral("loop.sql")), "\\ir loop.sql\n");
        const MigrationScript loop = MigrationScript::prepare(dir.filePath(QStringLiteral("loop.sql")),
                                                              QStringLiteral("\\ir loop.sql\n"), dir.path());
        QVERIFY(!loop.isValid());
        QVERIFY2(loop.error().contains(QStringLiteral("16")), qPrintable(loop.error()));
    }

    void otherMetaCommandsAreRejected()
    {
        const MigrationScript script = MigrationScript::prepare(
            QStringLiteral("V4__meta.sql"), QStringLiteral("SELECT 1;\n\n\\connect other\n"), QString());
        QVERIFY(!script.isValid());
        QVERIFY2(script.error().startsWith(QStringLiteral("V4__meta.sql:3: ")), qPrintable(script.error()));
        QVERIFY2(script.error().contains(QStringLiteral("\\connect")), qPrintable(script.error()));
    }

    void concurrentIndexAloneRunsOutsideATransaction()
    {
        const MigrationScript script = MigrationScript::prepare(
            QStringLiteral("V5__idx.sql"),
            QStringLiteral("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY i ON t (a);\n"), QString());
        QVERIFY2(script.isValid(), qPrintable(script.error()));
        QVERIFY(script.runsOutsideTransaction());
        QVERIFY(!script.declaredNoTransaction());
        QCOMPARE(script.steps().at(1).nonTransactional, QStringLiteral("CREATE INDEX CONCURRENTLY"));
    }

    void mixingIsRejectedWithAdvice()
    {
        const MigrationScript script = MigrationScript::prepare(
            QStringLiteral("V6__mixed.sql"),
            QStringLiteral("ALTER TABLE t ADD COLUMN b int;\nCREATE INDEX CONCURRENTLY i ON t (b);\n"), QString());
        QVERIFY(!script.isValid());
        QVERIFY2(script.error().startsWith(QStringLiteral("V6__mixed.sql:2: ")), qPrintable(script.error()));
        QVERIFY2(script.error().contains(QStringLiteral("line 1")), qPrintable(script.error()));
        QVERIFY2(script.error().contains(QStringLiteral("slipway:no-transaction")), qPrintable(script.error()));

        const MigrationScript marked = MigrationScript::prepare(
            QStringLiteral("V6__mixed.sql"),
            QStringLiteral("-- slipway:no-transaction\nALTER TABLE t ADD COLUMN b int;\nCREATE INDEX CONCURRENTLY i ON t (b);\n"),
            QString());
        QVERIFY2(marked.isValid(), qPrintable(marked.error()));
        QVERIFY(marked.runsOutsideTransaction());
        QVERIFY(marked.declaredNoTransaction());
    }

    void wrappingTransactionIsDroppedOtherControlRejected()
    {
        const MigrationScript wrapped = MigrationScript::prepare(
            QStringLiteral("V7__wrapped.sql"),
            QStringLiteral("BEGIN;\nSET LOCAL lock_timeout = '1s';\nALTER TABLE t ADD COLUMN c int;\nCOMMIT;\n"), QString());
        QVERIFY2(wrapped.isValid(), qPrintable(wrapped.error()));
        QCOMPARE(sqlOf(wrapped), QStringList({QStringLiteral("SET LOCAL lock_timeout = '1s'"),
                                              QStringLiteral("ALTER TABLE t ADD COLUMN c int")}));

        const MigrationScript middle = MigrationScript::prepare(
            QStringLiteral("V8__commit.sql"),
            QStringLiteral("ALTER TABLE t ADD COLUMN c int;\nCOMMIT;\nALTER TABLE t ADD COLUMN d int;\n"), QString());
        QVERIFY(!middle.isValid());
        QVERIFY2(middle.error().startsWith(QStringLiteral("V8__commit.sql:2: ")), qPrintable(middle.error()));
    }

    void checksumIgnoresLineEndings()
    {
        const QString unix = MigrationScript::checksum("SELECT 1;\nSELECT 2;\n");
        QCOMPARE(MigrationScript::checksum("SELECT 1;\r\nSELECT 2;\r\n"), unix);
        QCOMPARE(MigrationScript::checksum("SELECT 1;\rSELECT 2;\r"), unix);
        QVERIFY(MigrationScript::checksum("SELECT 1;\nSELECT 3;\n") != unix);
        QCOMPARE(unix.size(), 64);
        // The SHA-256 of the text, so other tools can check it.
        QCOMPARE(MigrationScript::checksum(""),
                 QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
};

QTEST_GUILESS_MAIN(TestMigrationScript)
#include "tst_migrationscript.moc"
