// Liquibase formatted SQL changelogs and Liquibase's history tables, on a real server: the
// changelog read as Liquibase's FormattedSqlChangeLogParser reads it (changesets, attributes,
// directives, rollbacks) with its errors; the version 9 checksum; databasechangelog and
// databasechangeloglock written exactly as `liquibase update` writes them; rows Liquibase wrote
// read back; runOnChange, validCheckSum, preconditions and a lock row left behind. The expected
// rows and checksums are the ones Liquibase 4.28.0 itself wrote for the same changelog
// (scripts/interop-tools liquibase, `liquibase update` on the sandbox), not the code under test.

#include "migrationfixture.h"
#include "testfiles.h"

#include "migrations/liquibasechangelog.h"
#include "migrations/liquibasechangeset.h"
#include "migrations/liquibasehistory.h"
#include "migrations/migrationtool.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

using State = MigrationStatusEntry::State;

QList<State> states(const MigrationRunResult &result)
{
    QList<State> out;
    for (const MigrationStatusEntry &entry : result.status)
        out << entry.state;
    return out;
}

// Three changesets: a comment directive, a single-line rollback, a /* liquibase rollback */
// block, labels and context, and one that runs outside a transaction.
const QByteArray changelog = "--liquibase formatted sql\n"
                             "\n"
                             "--changeset alice:1\n" // line 3
                             "--comment: Users and their names\n"
                             "CREATE TABLE users (\n"
                             "\tid serial PRIMARY KEY,\n"
                             "\tname text\n"
                             ");\n"
                             "--rollback DROP TABLE users;\n" // line 9
                             "\n"
                             "--changeset bob:add-email labels:v2 context:prod\n" // line 11
                             "-- an ordinary comment stays in the SQL\n"
                             "ALTER TABLE users ADD COLUMN email text;\n" // line 13
                             "/* liquibase rollback\n"
                             "ALTER TABLE users\n"
                             "  DROP COLUMN email;\n"
                             "*/\n"
                             "\n"
                             "--changeset alice:index runInTransaction:false\n" // line 19
                             "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"
                             "--rollback DROP INDEX CONCURRENTLY users_email;\n";

// MD5SUM of each changeset as Liquibase 4.28.0 wrote it for exactly this file; the same values
// come from the algorithm in docs/history-tables.md §6 in python3:
//   h1 = md5(body without 0x20 0x09 0x0A 0x0D bytes); md5sum = "9:" + md5("9:" + h1 + ":")
const QString usersSum = QStringLiteral("9:9b982aa096484d981023d0b109f71cc0");
const QString emailSum = QStringLiteral("9:99b7b0c4b5f0c625f54dfc124541c921");
const QString indexSum = QStringLiteral("9:70879e55dfec6f3acb3c15021abf26d4");

// Liquibase's table and lock table as `liquibase update` (4.28.0) creates them on PostgreSQL.
const char *changelogTable
    = "CREATE TABLE databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, "
      "FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL, "
      "ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), "
      "DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE "
      "VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))";

} // namespace

class TestLiquibaseHistory : public MigrationFixture
{
    Q_OBJECT

    QString changelogPath() const { return folder() + QStringLiteral("/changelog.sql"); }

    MigrationFolder readFolder()
    {
        const MigrationFolder read = MigrationFolder::read(folder());
        return read;
    }

    MigrationRunResult rollback(int steps)
    {
        MigrationRunOptions options;
        options.steps = steps;
        return run(&MigrationRunner::rollback, options);
    }

    // databasechangelog as text, one row per changeset in the order they ran.
    QString rows()
    {
        return value(QStringLiteral(
            "SELECT string_agg(concat_ws('|', id, author, filename, orderexecuted, exectype, "
            "md5sum, description, coalesce(comments, 'null'), coalesce(contexts, 'null'), "
            "coalesce(labels, 'null'), coalesce(tag, 'null')), E'\\n' ORDER BY orderexecuted) "
            "FROM databasechangelog"));
    }

    QString readUp(const Migration &migration)
    {
        QString text;
        QString error;
        if (!MigrationFolder::readUp(migration, &text, &error))
            return error;
        return text;
    }

    QString readDown(const Migration &migration)
    {
        QString text;
        QString error;
        if (!MigrationFolder::readDown(migration, &text, &error))
            return error;
        return text;
    }

    QStringList errorsOf(const QByteArray &text)
    {
        file(QStringLiteral("changelog.sql"), text);
        return readFolder().errors();
    }

private slots:
    void initTestCase()
    {
        m_databasePrefix = QStringLiteral("liquibase_");
        m_defaultTool.reset(); // the folder's tool is what this suite tests
    }
    void init() { fresh(); }

    void changelogReadAsLiquibaseReadsIt()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        QCOMPARE(MigrationFolder::detect(folder()), MigrationFolder::Dialect::Liquibase);
        const MigrationFolder read = readFolder();
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(MigrationTools::forFolder(read), MigrationTool::Liquibase);
        QCOMPARE(read.migrations().size(), 3);
        QStringList versions;
        QStringList descriptions;
        for (const Migration &migration : read.migrations()) {
            versions << migration.version.text();
            descriptions << migration.description;
            QCOMPARE(migration.upPath, changelogPath());
            QCOMPARE(migration.downPath, changelogPath());
            QVERIFY(migration.changeSet);
            QCOMPARE(migration.changeSet->filePath, QStringLiteral("changelog.sql"));
        }
        QCOMPARE(versions,
                 (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
        QCOMPARE(descriptions,
                 (QStringList{QStringLiteral("1::alice Users and their names"),
                              QStringLiteral("add-email::bob"),
                              QStringLiteral("index::alice")}));
        const LiquibaseChangeSet &users = *read.migrations().at(0).changeSet;
        QCOMPARE(users.firstLine, 3);
        QCOMPARE(users.lastLine, 10);
        QCOMPARE(users.comment, QStringLiteral("Users and their names"));
        QVERIFY(users.runInTransaction);
        const LiquibaseChangeSet &email = *read.migrations().at(1).changeSet;
        QCOMPARE(email.firstLine, 11);
        QCOMPARE(email.lastLine, 18);
        QCOMPARE(email.contexts, QStringLiteral("prod"));
        QCOMPARE(email.labels, QStringLiteral("v2"));
        const LiquibaseChangeSet &index = *read.migrations().at(2).changeSet;
        QCOMPARE(index.firstLine, 19);
        QCOMPARE(index.lastLine, 22); // the file's last line is the empty one after the newline
        QVERIFY(!index.runInTransaction);
        // Distinct keys, though they share a file.
        QCOMPARE(read.migrations().at(0).key(), changelogPath() + QStringLiteral("#3"));
        QVERIFY(read.migrations().at(1).key() != read.migrations().at(0).key());
    }

    void checksumsAsLiquibaseComputesThem()
    {
        // docs/history-tables.md §6's own vector.
        QCOMPARE(LiquibaseChangelog::checksum(QStringLiteral("CREATE TABLE t (id int);")),
                 QStringLiteral("9:6d4549ab668f0fa3a148fb9da6d22712"));
        file(QStringLiteral("changelog.sql"), changelog);
        const MigrationFolder read = readFolder();
        const LiquibaseHistory history(*m_db, read.migrations());
        QStringList sums;
        for (const Migration &migration : read.migrations())
            sums << history.checksum(migration, changelog);
        QCOMPARE(sums, (QStringList{usersSum, emailSum, indexSum}));
        // Whitespace does not count; anything else does, comments included.
        QByteArray respaced = changelog;
        respaced.replace("\tid serial", "    id   serial");
        respaced.replace("\n", "\r\n");
        QCOMPARE(history.checksum(read.migrations().at(0), respaced), usersSum);
        QByteArray recommented = changelog;
        recommented.replace("an ordinary comment", "another comment");
        QVERIFY(history.checksum(read.migrations().at(1), recommented) != emailSum);
    }

    void upAndDownKeepTheFileLines()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        const MigrationFolder read = readFolder();
        const QStringList fileLines = QString::fromUtf8(changelog).split(QLatin1Char('\n'));
        const QStringList up = readUp(read.migrations().at(1)).split(QLatin1Char('\n'));
        QCOMPARE(up.size(), fileLines.size());
        for (int i = 0; i < up.size(); ++i) {
            // 1-based lines 11 (the --changeset line), 12 and 13 (its SQL) stay; the rest blank.
            if (i >= 10 && i <= 12)
                QCOMPARE(up.at(i), fileLines.at(i));
            else
                QVERIFY2(up.at(i).trimmed().isEmpty(), qPrintable(up.at(i)));
        }
        const QStringList down = readDown(read.migrations().at(1)).split(QLatin1Char('\n'));
        QCOMPARE(down.at(14), QStringLiteral("ALTER TABLE users"));
        QCOMPARE(down.at(15), QStringLiteral("  DROP COLUMN email;"));
        QVERIFY(down.at(12).trimmed().isEmpty()); // the change itself is not in the rollback
        const QStringList usersDown = readDown(read.migrations().at(0)).split(QLatin1Char('\n'));
        QCOMPARE(usersDown.at(8), QStringLiteral("           DROP TABLE users;"));
    }

    void changelogErrorsNameFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected"); // after "<path>:"
        QTest::newRow("no id") << QByteArray(
            "--liquibase formatted sql\n--changeset alice\nSELECT 1;\n")
                               << QStringLiteral("2: expected --changeset <author>:<id>");
        QTest::newRow("no SQL") << QByteArray("--liquibase formatted sql\n--changeset a:1\n"
                                              "--rollback SELECT 1;\n--changeset a:2\nSELECT 2;\n")
                                << QStringLiteral("2: changeset a:1 has no SQL");
        QTest::newRow("twice") << QByteArray(
            "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n"
            "--changeset a:1\nSELECT 2;\n")
                               << QStringLiteral(
                                      "4: changeset a:1 is defined twice (also on line 2)");
        QTest::newRow("comment outside")
            << QByteArray(
                   "--liquibase formatted sql\n--comment: first\n--changeset a:1\nSELECT 1;\n")
            << QStringLiteral("2: a --comment line outside a changeset (expected --changeset "
                              "<author>:<id> before it)");
        QTest::newRow("SQL before the first changeset")
            << QByteArray("--liquibase formatted sql\nCREATE TABLE t (id int);\n--changeset a:1\n"
                          "SELECT 1;\n")
            << QStringLiteral("2: SQL before the first --changeset line, which Liquibase would "
                              "ignore");
        QTest::newRow("unknown precondition")
            << QByteArray(
                   "--liquibase formatted sql\n--changeset a:1\n--preconditions onFail:HALT\n"
                   "--precondition-row-count tableName:t expectedRows:0\nSELECT 1;\n")
            << QStringLiteral(
                   "4: expected --precondition-sql-check expectedResult:<value> <query>, "
                   "--precondition-table-exists table:<name> or "
                   "--precondition-view-exists view:<name>");
        QTest::newRow("bad onFail")
            << QByteArray(
                   "--liquibase formatted sql\n--changeset a:1\n--preconditions onFail:STOP\n"
                   "SELECT 1;\n")
            << QStringLiteral("3: expected onFail/onError to be HALT, CONTINUE, MARK_RAN or WARN, "
                              "not STOP");
        QTest::newRow("rollback from another changeset")
            << QByteArray("--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n"
                          "--rollback changesetId:0 changesetAuthor:a\n")
            << QStringLiteral("2: changeset a:1 takes its rollback from another changeset "
                              "(changesetId:); write the rollback SQL in --rollback lines instead");
    }

    void changelogErrorsNameFileAndLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QCOMPARE(errorsOf(text),
                 QStringList{QDir::toNativeSeparators(changelogPath()) + QLatin1Char(':')
                             + expected});
    }

    void everySqlFileMustBeAChangelog()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        file(QStringLiteral("seed/data.sql"), "INSERT INTO users (name) VALUES ('x');\n");
        QCOMPARE(readFolder().errors(),
                 QStringList{QDir::toNativeSeparators(folder() + QStringLiteral("/seed/data.sql"))
                             + QStringLiteral(": line 1: expected --liquibase formatted sql "
                                              "(every .sql file of a Liquibase folder is a "
                                              "changelog)")});
    }

    void attributesPropertiesAndDelimiters()
    {
        // dbms: for another database and ignore:true leave the changeset out, as Liquibase does;
        // ${table} comes from --property; endDelimiter:/ ends statements where "/" stands.
        file(QStringLiteral("changelog.sql"),
             "--liquibase formatted sql logicalFilePath:db/main.sql\n"
             "--property name:table value:things\n"
             "--changeset a:mysql-only dbms:mysql\n"
             "CREATE TABLE only_mysql (id int);\n"
             "--changeset a:skipped ignore:true\n"
             "CREATE TABLE ignored (id int);\n"
             "--changeset a:table endDelimiter:/\n"
             "CREATE TABLE ${table} (id int)\n"
             "/\n"
             "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$\n"
             "/\n"
             "--rollback DROP FUNCTION one(); DROP TABLE ${table};\n"
             "--ignoreLines:start\n"
             "this is not SQL\n"
             "--ignoreLines:end\n");
        const MigrationFolder read = readFolder();
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(read.migrations().size(), 1);
        const LiquibaseChangeSet &table = *read.migrations().first().changeSet;
        QCOMPARE(table.id, QStringLiteral("table"));
        QCOMPARE(table.filePath, QStringLiteral("db/main.sql"));
        const MigrationRunResult applied = migrate();
        QVERIFY2(applied.ok(), qPrintable(applied.message));
        QVERIFY(tableExists(QStringLiteral("things")));
        QVERIFY(!tableExists(QStringLiteral("only_mysql")));
        QCOMPARE(value(QStringLiteral("SELECT one()")), QStringLiteral("1"));
        QCOMPARE(value(QStringLiteral("SELECT filename FROM databasechangelog")),
                 QStringLiteral("db/main.sql"));
        const MigrationRunResult undone = rollback(1);
        QVERIFY2(undone.ok(), qPrintable(undone.message));
        QVERIFY(!tableExists(QStringLiteral("things")));
    }

    // The forms Liquibase's own formatted SQL fixtures use, read by the rules of
    // liquibase-standard/src/main/java/liquibase/parser/AbstractFormattedChangeLogParser.java
    // (liquibase/liquibase; whole-line, case-insensitive patterns): `-- changeset` with a space
    // (CHANGE_SET_REGEX's [\s]*); an author is all up to the colon, spaces too ([^:]+); a
    // --rollback line may stand before the SQL; `rollback empty` undoes nothing (EmptyChange); a
    // bare --rollback is no rollback (ROLLBACK_REGEX wants "rollback " and text), so the line
    // after it is SQL; `---changeset` and `-- --changeset` match neither CHANGE_SET_REGEX nor
    // its ALT_CHANGE_SET_ONE_CHARACTER / ALT_CHANGE_SET_NO_OTHER_INFO patterns, so they are
    // comments in the SQL. A rollback ending in COMMIT (its JDBC run commits what came before)
    // runs with its history row, the COMMIT being the engine's own.
    void changelogLinesOfLiquibasesOwnFixtures()
    {
        const QByteArray text
            = "-- liquibase formatted sql\n"
              "\n"
              "-- changeset Liquibase Pro User:table\n"
              "CREATE TABLE t (id int);\n"
              "--rollback\n"
              "---changeset old:1\n"
              "INSERT INTO t VALUES (1);\n"
              "\n"
              "--changeset Liquibase Pro User:view context:\"a-new\"  labels:c1 \n"
              "--rollback DROP VIEW v; COMMIT;\n"
              "CREATE VIEW v AS SELECT id FROM t;\n"
              "\n"
              "-- changeset a:row\n"
              "INSERT INTO t VALUES (2)\n"
              "-- rollback empty\n"
              "-- --changeset a:gone\n"
              "-- INSERT INTO t VALUES (3);\n";
        file(QStringLiteral("changelog.sql"), text);
        const MigrationFolder read = readFolder();
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QStringList names;
        for (const Migration &migration : read.migrations())
            names << migration.changeSet->author + QLatin1Char(':') + migration.changeSet->id;
        QCOMPARE(names,
                 (QStringList{QStringLiteral("Liquibase Pro User:table"),
                              QStringLiteral("Liquibase Pro User:view"),
                              QStringLiteral("a:row")}));
        const LiquibaseChangeSet &table = *read.migrations().at(0).changeSet;
        QVERIFY(!table.hasRollback);
        QCOMPARE(LiquibaseChangelog::body(QString::fromUtf8(text), table),
                 QStringLiteral("CREATE TABLE t (id int);\n--rollback\n---changeset old:1\n"
                                "INSERT INTO t VALUES (1);"));
        const LiquibaseChangeSet &view = *read.migrations().at(1).changeSet;
        QVERIFY(view.hasRollback && !view.emptyRollback);
        QCOMPARE(view.contexts, QStringLiteral("a-new"));
        QCOMPARE(view.labels, QStringLiteral("c1"));
        const LiquibaseChangeSet &row = *read.migrations().at(2).changeSet;
        QVERIFY(row.hasRollback && row.emptyRollback);

        const MigrationRunResult applied = migrate();
        QVERIFY2(applied.ok(), qPrintable(applied.message));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY id) FROM t")),
                 QStringLiteral("1,2"));
        const MigrationRunResult undone = rollback(2);
        QVERIFY2(undone.ok(), qPrintable(undone.message));
        QVERIFY(!tableExists(QStringLiteral("v")));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("2"));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(id, ',') FROM databasechangelog")),
                 QStringLiteral("table"));
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Pending, State::Pending}));
    }

    // Liquibase's own tests keep their formatted SQL changelogs in folders (liquibase/liquibase
    // liquibase-integration-tests/src/test/resources/changelogs/common/, init/, pgsql/). A folder
    // holding only such folders is a Liquibase folder: detected as one, read as readLiquibase()
    // reads every subfolder, each FILENAME the path below it. Only then: a folder with .sql
    // files of its own is what those files say, and plain SQL below a folder makes none.
    void changelogsOnlyInSubfolders()
    {
        file(QStringLiteral("changelogs/common/accounts.sql"),
             "--liquibase formatted sql\n\n--changeset ann:1\nCREATE TABLE accounts (id int);\n");
        file(QStringLiteral("changelogs/init/ledger.sql"),
             "--liquibase formatted sql\n--changeset ben:1\nCREATE TABLE ledger (id int)\n"
             "--rollback DROP TABLE ledger;\n");
        QCOMPARE(MigrationFolder::detect(folder()), MigrationFolder::Dialect::Liquibase);
        const MigrationFolder read = readFolder();
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(read.migrations().size(), 2);
        const MigrationRunResult applied = migrate();
        QVERIFY2(applied.ok(), qPrintable(applied.message));
        QCOMPARE(applied.tool, MigrationTool::Liquibase);
        QCOMPARE(value(QStringLiteral("SELECT string_agg(filename, ',' ORDER BY orderexecuted) "
                                      "FROM databasechangelog")),
                 QStringLiteral("changelogs/common/accounts.sql,changelogs/init/ledger.sql"));

        QTemporaryDir other;
        TestFiles::write(other.filePath(QStringLiteral("scripts/report.sql")), "SELECT 1;\n");
        QCOMPARE(MigrationFolder::detect(other.path()), MigrationFolder::Dialect::Unknown);
        TestFiles::write(other.filePath(QStringLiteral("V1__start.sql")), "SELECT 1;\n");
        TestFiles::write(other.filePath(QStringLiteral("liquibase/changelog.sql")),
                         "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
        QCOMPARE(MigrationFolder::detect(other.path()), MigrationFolder::Dialect::Flyway);
    }

    void migrateWritesLiquibasesRows()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.tool, MigrationTool::Liquibase);
        QCOMPARE(result.historyTable, QStringLiteral("databasechangelog"));
        QCOMPARE(states(result), (QList<State>{State::Applied, State::Applied, State::Applied}));
        // What Liquibase 4.28.0 wrote for this changelog, but for LIQUIBASE (its version there).
        QCOMPARE(rows(),
                 QStringLiteral("1|alice|changelog.sql|1|EXECUTED|%1|sql|Users and their "
                                "names|null|null|null\n"
                                "add-email|bob|changelog.sql|2|EXECUTED|%2|sql||prod|v2|null\n"
                                "index|alice|changelog.sql|3|EXECUTED|%3|sql||null|null|null")
                     .arg(usersSum, emailSum, indexSum));
        QCOMPARE(value(QStringLiteral("SELECT count(DISTINCT deployment_id) || ':' || "
                                      "min(length(deployment_id)) || ':' || min(liquibase) "
                                      "FROM databasechangelog")),
                 QStringLiteral("1:10:slipway"));
        QCOMPARE(value(QStringLiteral("SELECT concat_ws('|', id, locked, lockedby, lockgranted) "
                                      "FROM databasechangeloglock")),
                 QStringLiteral("1|f"));
        QCOMPARE(value(QStringLiteral("SELECT indisvalid FROM pg_index WHERE indexrelid = "
                                      "'users_email'::regclass")),
                 QStringLiteral("t"));
        // The table's definition is Liquibase's own.
        QCOMPARE(value(QStringLiteral("SELECT string_agg(column_name || ' ' || data_type, ', ' "
                                      "ORDER BY ordinal_position) FROM information_schema.columns "
                                      "WHERE table_name = 'databasechangelog'")),
                 QStringLiteral("id character varying, author character varying, filename "
                                "character varying, dateexecuted timestamp without time zone, "
                                "orderexecuted integer, exectype character varying, md5sum "
                                "character varying, description character varying, comments "
                                "character varying, tag character varying, liquibase character "
                                "varying, contexts character varying, labels character varying, "
                                "deployment_id character varying"));

        const MigrationRunResult undone = rollback(2);
        QVERIFY2(undone.ok(), qPrintable(undone.message));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(id, ',') FROM databasechangelog")),
                 QStringLiteral("1"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                      "table_name = 'users' AND column_name = 'email'")),
                 QStringLiteral("0"));
        QCOMPARE(states(undone), (QList<State>{State::Applied, State::Pending, State::Pending}));
    }

    void rowsLiquibaseWroteAreRead()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        m_db->execute(QString::fromLatin1(changelogTable));
        // Run from a parent folder, Liquibase records the path it was given.
        m_db->execute(
            QStringLiteral(
                "INSERT INTO databasechangelog VALUES "
                "('1', 'alice', 'db/changelog.sql', now(), 1, 'EXECUTED', '%1', 'sql', '', NULL, "
                "'4.28.0', NULL, NULL, '6689009130'), "
                "('add-email', 'bob', 'db/changelog.sql', now(), 2, 'EXECUTED', '%2', 'sql', '', "
                "NULL, '4.28.0', 'prod', 'v2', '6689009130'), "
                "('gone', 'carol', 'db/changelog.sql', now(), 3, 'EXECUTED', '9:00', 'sql', '', "
                "NULL, '4.28.0', NULL, NULL, '6689009130')")
                .arg(usersSum, emailSum));
        m_db->execute(QStringLiteral("CREATE TABLE users (id serial, name text, email text)"));
        const MigrationRunResult before = status();
        QVERIFY2(before.ok(), qPrintable(before.message));
        QCOMPARE(before.tool, MigrationTool::Liquibase);
        QCOMPARE(states(before),
                 (QList<State>{State::Applied, State::Applied, State::MissingFile, State::Pending}));
        // A row of a changeset no longer in the changelogs stops migrate, as for every tool;
        // without it, the new changeset's row takes the path the table uses for its file.
        QVERIFY(!migrate().ok());
        m_db->execute(QStringLiteral("DELETE FROM databasechangelog WHERE id = 'gone'"));
        const MigrationRunResult applied = migrate();
        QVERIFY2(applied.ok(), qPrintable(applied.message));
        QCOMPARE(value(QStringLiteral("SELECT filename || ':' || orderexecuted FROM "
                                      "databasechangelog WHERE id = 'index'")),
                 QStringLiteral("db/changelog.sql:3"));
    }

    void editedChangesetIsReported()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        QVERIFY(migrate().ok());
        QByteArray edited = changelog;
        edited.replace("\tname text\n", "\tname text NOT NULL\n");
        file(QStringLiteral("changelog.sql"), edited);
        QCOMPARE(states(status()),
                 (QList<State>{State::ChecksumMismatch, State::Applied, State::Applied}));
        // --validCheckSum names the old checksum valid, as Liquibase accepts it.
        edited.replace("--comment: Users",
                       "--validCheckSum: " + usersSum.toUtf8() + "\n--comment: Users");
        file(QStringLiteral("changelog.sql"), edited);
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Applied, State::Applied}));
    }

    void changesetInsertedEarlierIsPendingNotOutOfOrder()
    {
        QByteArray two = changelog;
        two.truncate(two.indexOf("--changeset bob:add-email"));
        two += "--changeset alice:names\nCREATE INDEX users_name ON users (name);\n";
        file(QStringLiteral("changelog.sql"), two);
        QVERIFY(migrate().ok());
        QByteArray three = two;
        three.insert(three.indexOf("--changeset alice:names"),
                     "--changeset bob:email\nALTER TABLE users ADD COLUMN email text;\n");
        file(QStringLiteral("changelog.sql"), three);
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Pending, State::Applied}));
        QVERIFY(migrate().ok());
        QCOMPARE(value(QStringLiteral("SELECT string_agg(id, ',' ORDER BY orderexecuted) FROM "
                                      "databasechangelog")),
                 QStringLiteral("1,names,email"));
    }

    void runOnChangeRunsAgain()
    {
        const QByteArray view = "--liquibase formatted sql\n"
                                "--changeset a:view runOnChange:true\n"
                                "CREATE OR REPLACE VIEW answer AS SELECT 41 AS value;\n";
        file(QStringLiteral("changelog.sql"), view);
        QVERIFY(migrate().ok());
        QByteArray changed = view;
        changed.replace("41", "42");
        file(QStringLiteral("changelog.sql"), changed);
        QCOMPARE(states(status()), (QList<State>{State::Pending}));
        const MigrationRunResult again = migrate();
        QVERIFY2(again.ok(), qPrintable(again.message));
        QCOMPARE(value(QStringLiteral("SELECT value FROM answer")), QStringLiteral("42"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) || ':' || min(exectype) || ':' || "
                                      "min(md5sum) FROM databasechangelog")),
                 // python3, as for the changelog's sums above
                 QStringLiteral("1:RERAN:9:4ca70248178f3603e73b85790d55b982"));
        QCOMPARE(states(status()), (QList<State>{State::Applied}));
    }

    void preconditionsDecide_data()
    {
        QTest::addColumn<QString>("onFail");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("rowsAfter");  // id:exectype of each row
        QTest::addColumn<bool>("createdLegacy"); // the guarded changeset's SQL ran
        QTest::newRow("MARK_RAN") << QStringLiteral("MARK_RAN") << true
                                  << QStringLiteral("legacy:MARK_RAN,after:EXECUTED") << false;
        QTest::newRow("CONTINUE") << QStringLiteral("CONTINUE") << true
                                  << QStringLiteral("after:EXECUTED") << false;
        QTest::newRow("HALT") << QStringLiteral("HALT") << false << QString() << false;
        QTest::newRow("WARN") << QStringLiteral("WARN") << true
                              << QStringLiteral("legacy:EXECUTED,after:EXECUTED") << true;
    }

    void preconditionsDecide()
    {
        QFETCH(QString, onFail);
        QFETCH(bool, ok);
        QFETCH(QString, rowsAfter);
        QFETCH(bool, createdLegacy);
        m_db->execute(QStringLiteral("CREATE TABLE legacy_marker (id int)"));
        file(QStringLiteral("changelog.sql"),
             QStringLiteral("--liquibase formatted sql\n"
                            "--changeset a:legacy\n"
                            "--preconditions onFail:%1\n"
                            "--precondition-sql-check expectedResult:0 SELECT count(*) FROM "
                            "pg_tables WHERE tablename = 'legacy_marker'\n"
                            "CREATE TABLE legacy (id int);\n"
                            "--changeset a:after\n"
                            "CREATE TABLE after_legacy (id int);\n")
                 .arg(onFail)
                 .toUtf8());
        const MigrationRunResult result = migrate();
        QCOMPARE(result.ok(), ok);
        if (!ok)
            QVERIFY2(result.message.contains(QStringLiteral("the precondition on line 4 failed "
                                                            "(onFail:HALT): expected 0, the query "
                                                            "returned 1")),
                     qPrintable(result.message));
        QCOMPARE(value(QStringLiteral("SELECT coalesce(string_agg(id || ':' || exectype, ',' "
                                      "ORDER BY orderexecuted), '') FROM databasechangelog")),
                 rowsAfter);
        QCOMPARE(tableExists(QStringLiteral("legacy")), createdLegacy);
        // A passing check runs it.
        m_db->execute(QStringLiteral("DROP TABLE legacy_marker"));
        if (onFail != QLatin1String("MARK_RAN") && onFail != QLatin1String("WARN")) {
            QVERIFY(migrate().ok());
            QVERIFY(tableExists(QStringLiteral("legacy")));
        }
    }

    void lockRowLeftBehindIsShownAndRespected()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        QVERIFY(migrate().ok());
        QVERIFY(rollback(1).ok());
        // A Liquibase that died while it held the lock, as `liquibase update` writes it.
        m_db->execute(QStringLiteral("UPDATE databasechangeloglock SET locked = TRUE, lockedby = "
                                     "'buildhost (10.0.0.7)', lockgranted = now() - interval "
                                     "'2 hours' WHERE id = 1"));
        const MigrationRunResult seen = status();
        QVERIFY2(seen.toolNotice.startsWith(QStringLiteral("Liquibase's lock is held by "
                                                           "buildhost (10.0.0.7) since ")),
                 qPrintable(seen.toolNotice));
        QVERIFY2(seen.toolNotice.contains(QRegularExpression(QStringLiteral("\\(720[01] second"))),
                 qPrintable(seen.toolNotice));
        QVERIFY2(seen.toolNotice.contains(QStringLiteral("liquibase release-locks")),
                 qPrintable(seen.toolNotice));
        MigrationRunOptions options;
        options.lockWaitSeconds = 1;
        const MigrationRunResult refused = migrate(options);
        QCOMPARE(refused.outcome, MigrationRunResult::Outcome::LockTimeout);
        QVERIFY2(refused.message.contains(QStringLiteral("buildhost (10.0.0.7)")),
                 qPrintable(refused.message));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM databasechangelog")),
                 QStringLiteral("2"));
        // Freed (liquibase release-locks), the run goes on and gives the lock back.
        m_db->execute(QStringLiteral("UPDATE databasechangeloglock SET locked = FALSE, lockedby = "
                                     "NULL, lockgranted = NULL"));
        QVERIFY(migrate().ok());
        QCOMPARE(value(QStringLiteral("SELECT locked FROM databasechangeloglock")),
                 QStringLiteral("f"));
        QVERIFY(status().toolNotice.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLiquibaseHistory)
#include "tst_liquibasehistory.moc"
