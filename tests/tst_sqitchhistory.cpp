// Sqitch projects and Sqitch's registry, on a real server: sqitch.plan read as Sqitch reads it
// (change and tag ids byte for byte, reworked changes, sqitch.conf's directories and registry),
// its errors with file and line, and the registry (schema sqitch: releases, projects, changes,
// dependencies, tags, events) written by slipway-cli migrate and rollback as Sqitch's pg engine
// writes it, then read back by status. The expected ids and hashes come from outside the code
// under test: docs/history-tables.md §7's vector and python3 hashlib (the commands are beside
// each value), each of them also printed by the real sqitch 1.3.1 (`sqitch plan --format
// 'format:%H|%n'` on the same plan).

#include "clirun.h"
#include "interoptools.h"
#include "migrationfixture.h"

#include "migrations/migrationtool.h"
#include "migrations/sqitchchange.h"
#include "migrations/sqitchhistory.h"

#include <QDir>
#include <QFile>
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

// Four changes, a tag, a dependency of each kind, an escaped newline in a note and a reworked
// change: `users` comes back after @v1.0, so its first instance's scripts are users@v1.0.sql.
const QByteArray flipr = "%syntax-version=1.0.0\n"
                         "%project=flipr\n"
                         "\n"
                         "users 2024-01-02T03:04:05Z Alice <alice@example.com> # Creates table "
                         "users.\n"
                         "flips [users] 2024-01-02T04:00:00Z Bob Smith <bob@example.com>\n"
                         "@v1.0 2024-01-03T00:00:00Z Alice <alice@example.com> # Tag v1.0.\n"
                         "# a comment line\n"
                         "lists [users flips !other:legacy] 2024-01-04T00:00:00Z Alice "
                         "<alice@example.com> # Lists\\nwith newline\n"
                         "users [users@v1.0] 2024-01-05T00:00:00Z Alice <alice@example.com> # "
                         "Reworked users.\n";

// python3 /tmp/sqid.py-style, hashlib only:
//   def oid(kind, info): b = info.encode(); return hashlib.sha1(kind.encode() + b' ' +
//       str(len(b)).encode() + b'\0' + b).hexdigest()
//   users = oid('change', "project flipr\nchange users\nplanner Alice <alice@example.com>\n"
//                         "date 2024-01-02T03:04:05Z\n\nCreates table users.")   (the doc's)
//   flips = oid('change', "project flipr\nchange flips\nparent " + users + "\nplanner Bob Smith "
//                         "<bob@example.com>\ndate 2024-01-02T04:00:00Z\nrequires\n  + users")
//   lists = oid('change', "project flipr\nchange lists\nparent " + flips + "\nplanner Alice "
//               "<alice@example.com>\ndate 2024-01-04T00:00:00Z\nrequires\n  + users\n  + flips"
//               "\nconflicts\n  - other:legacy\n\nLists\nwith newline")
//   users2 = oid('change', "project flipr\nchange users\nparent " + lists + "\nplanner Alice "
//                "<alice@example.com>\ndate 2024-01-05T00:00:00Z\nrequires\n  + users@v1.0\n\n"
//                "Reworked users.")
//   v1 = oid('tag', "project flipr\ntag @v1.0\nchange " + flips + "\nplanner Alice "
//            "<alice@example.com>\ndate 2024-01-03T00:00:00Z\n\nTag v1.0.")
// sqitch 1.3.1 prints the same four change ids; its Plan API the same tag id.
const QString usersId = QStringLiteral("4c541f698b78f8a40b6894ff743b9e07d3a539e7");
const QString flipsId = QStringLiteral("f0a09a67b728fb8dc50bebad64c76d09a8804291");
const QString listsId = QStringLiteral("4fa90f862eca2f0ccc67fcdf8146d155383c57c2");
const QString users2Id = QStringLiteral("4b00ba525ba83e3d5eb3eecd44509700b7456d81");
const QString v1TagId = QStringLiteral("3362aee57d77bf05258ea13b4715b7fddd55cef9");
// flips without its parent line: what an id computed without `parent` would be (not Sqitch's).
const QString flipsWithoutParent = QStringLiteral("a4cec48a2e4bfad6e22cc1cf27d36da3ac9eade1");

const QByteArray usersSql = "CREATE TABLE users (id int PRIMARY KEY, name text);\n";
// python3 -c 'import hashlib; print(hashlib.sha1(b"CREATE TABLE users (id int PRIMARY KEY, '
//   'name text);\n").hexdigest())'
const QString usersHash = QStringLiteral("b8cb192fa5bce8268bbce7fd3721429b635a90f2");

} // namespace

class TestSqitchHistory : public MigrationFixture
{
    Q_OBJECT

    QString path(const QString &relative) const { return folder() + QLatin1Char('/') + relative; }

    void fliprProject()
    {
        file(QStringLiteral("sqitch.conf"), "[core]\n\tengine = pg\n");
        file(QStringLiteral("sqitch.plan"), flipr);
        file(QStringLiteral("deploy/users@v1.0.sql"), usersSql);
        file(QStringLiteral("revert/users@v1.0.sql"), "DROP TABLE users;\n");
        file(QStringLiteral("verify/users@v1.0.sql"), "SELECT id FROM users WHERE false;\n");
        file(QStringLiteral("deploy/flips.sql"),
             "BEGIN;\nCREATE TABLE flips (id int, user_id int REFERENCES users);\nCOMMIT;\n");
        file(QStringLiteral("revert/flips.sql"), "DROP TABLE flips;\n");
        file(QStringLiteral("deploy/lists.sql"), "CREATE TABLE lists (id int);\n");
        file(QStringLiteral("revert/lists.sql"), "DROP TABLE lists;\n");
        file(QStringLiteral("deploy/users.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        file(QStringLiteral("revert/users.sql"), "ALTER TABLE users DROP COLUMN email;\n");
    }

    QStringList errors() { return MigrationFolder::read(folder()).errors(); }

    QString planPath() const
    {
        return QDir::toNativeSeparators(path(QStringLiteral("sqitch.plan")));
    }

    TestSandbox::CliRun cli(const QString &verb, const QStringList &extra = {})
    {
        const TestSandbox::CliRun run = TestSandbox::runCli(
            InteropTools::slipway(verb, m_conninfo, folder()) + extra);
        if (run.exitCode != 0)
            qWarning().noquote() << run.out << run.err;
        return run;
    }

    QString rows(const QString &sql) { return value(sql); }

private slots:
    void initTestCase()
    {
        m_databasePrefix = QStringLiteral("sqitch_");
        m_defaultTool.reset(); // the folder's tool is what this suite tests
        // Who the registry names as committer (App/Sqitch.pm: these come first).
        qputenv("SQITCH_FULLNAME", "Slipway Tester");
        qputenv("SQITCH_EMAIL", "tester@example.com");
    }
    void init() { fresh(); }

    void changeIdsAreSqitchs()
    {
        fliprProject();
        QCOMPARE(MigrationFolder::detect(folder()), MigrationFolder::Dialect::Sqitch);
        const MigrationFolder read = MigrationFolder::read(folder());
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(MigrationTools::forFolder(read), MigrationTool::Sqitch);
        const QList<Migration> &migrations = read.migrations();
        QCOMPARE(migrations.size(), 4);
        QStringList ids;
        QStringList versions;
        QStringList names;
        for (const Migration &migration : migrations) {
            QVERIFY(migration.sqitchChange);
            ids << migration.sqitchChange->id;
            versions << migration.version.text();
            names << migration.description;
        }
        QCOMPARE(ids, (QStringList{usersId, flipsId, listsId, users2Id}));
        QCOMPARE(versions,
                 (QStringList{QStringLiteral("1"),
                              QStringLiteral("2"),
                              QStringLiteral("3"),
                              QStringLiteral("4")}));
        QCOMPARE(names,
                 (QStringList{QStringLiteral("users"),
                              QStringLiteral("flips"),
                              QStringLiteral("lists"),
                              QStringLiteral("users")}));
        QVERIFY(migrations.at(1).sqitchChange->id != flipsWithoutParent);
        QCOMPARE(migrations.at(1).sqitchChange->parentId, usersId);
        QVERIFY(migrations.at(0).sqitchChange->parentId.isEmpty());
        // The reworked change's first instance runs the scripts named after the tag.
        QCOMPARE(migrations.at(0).upPath, path(QStringLiteral("deploy/users@v1.0.sql")));
        QCOMPARE(migrations.at(0).downPath, path(QStringLiteral("revert/users@v1.0.sql")));
        QCOMPARE(migrations.at(0).sqitchChange->verifyPath,
                 path(QStringLiteral("verify/users@v1.0.sql")));
        QCOMPARE(migrations.at(3).upPath, path(QStringLiteral("deploy/users.sql")));
        QVERIFY(migrations.at(3).sqitchChange->verifyPath.isEmpty());
        const SqitchChange &flips = *migrations.at(1).sqitchChange;
        QCOMPARE(flips.tags.size(), 1);
        QCOMPARE(flips.tags.first().name, QStringLiteral("v1.0"));
        QCOMPARE(flips.tags.first().id, v1TagId);
        QCOMPARE(flips.plannerName, QStringLiteral("Bob Smith"));
        const SqitchChange &lists = *migrations.at(2).sqitchChange;
        QCOMPARE(lists.note, QStringLiteral("Lists\nwith newline"));
        QCOMPARE(lists.requirements.size(), 2);
        QCOMPARE(lists.conflicts.size(), 1);
        QCOMPARE(lists.conflicts.first().text, QStringLiteral("other:legacy"));
        QCOMPARE(migrations.at(3).sqitchChange->requirements.first().text,
                 QStringLiteral("users@v1.0"));
        QCOMPARE(migrations.at(3).sqitchChange->registry, QStringLiteral("sqitch"));
    }

    void idPrimitives_data()
    {
        QTest::addColumn<QString>("info");
        QTest::addColumn<QString>("id");
        // docs/history-tables.md §7's two vectors.
        QTest::newRow("doc, with note")
            << QStringLiteral("project flipr\nchange users\nplanner Alice <alice@example.com>\n"
                              "date 2024-01-02T03:04:05Z\n\nCreates table users.")
            << usersId;
        QTest::newRow("doc, without note")
            << QStringLiteral("project flipr\nchange users\nplanner Alice <alice@example.com>\n"
                              "date 2024-01-02T03:04:05Z")
            << QStringLiteral("8e95a1c83b20b1745cffe0d469790ec03577f9e4");
    }

    void idPrimitives()
    {
        QFETCH(QString, info);
        QFETCH(QString, id);
        QCOMPARE(SqitchChange::objectId("change", info), id);
    }

    // A %uri (canonicalised as Perl's URI does), an other project's dependency, and a note and
    // planner outside ASCII: the byte length, not the character count, goes into the hash.
    //   python3 (oid as above):
    //   u = oid('change', "project flipr\nuri https://example.com/flipr/\nchange users\n"
    //           "planner Alice <alice@example.com>\ndate 2024-01-02T03:04:05Z")
    //   oid('change', "project flipr\nuri https://example.com/flipr/\nchange comptes\nparent " + u
    //       + "\nplanner Zoë Ünal <zoe@example.com>\ndate 2024-02-03T04:05:06Z\nrequires\n"
    //       "  + users\n  + other:thing\n\nCrée la table « comptes ».")
    // sqitch 1.3.1 prints the same two ids for this plan.
    void uriAndUtf8()
    {
        file(QStringLiteral("sqitch.plan"),
             "%syntax-version=1.0.0\n%project=flipr\n%uri=HTTPS://Example.COM:443/flipr/\n\n"
             "users 2024-01-02T03:04:05Z Alice <alice@example.com>\n"
             "comptes [flipr:users other:thing] 2024-02-03T04:05:06Z Zo\xc3\xab \xc3\x9cnal "
             "<zoe@example.com> # Cr\xc3\xa9\x65 la table \xc2\xab comptes \xc2\xbb.\n");
        file(QStringLiteral("deploy/users.sql"), usersSql);
        file(QStringLiteral("deploy/comptes.sql"), "CREATE TABLE comptes (id int);\n");
        const MigrationFolder read = MigrationFolder::read(folder());
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(read.migrations().at(0).sqitchChange->uri,
                 QStringLiteral("https://example.com/flipr/"));
        QCOMPARE(read.migrations().at(0).sqitchChange->id,
                 QStringLiteral("5baf87c0af6e8295b670d1c50ae3ae2f6f3d0b87"));
        QCOMPARE(read.migrations().at(1).sqitchChange->id,
                 QStringLiteral("fb6977f1982c567e49e8638d750723ba813d8b6c"));
        QVERIFY(!read.migrations().at(1).hasRollback());
    }

    void canonicalUri_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("canonical");
        // perl -MURI -e 'print URI->new($ARGV[0])->canonical' URI
        QTest::newRow("host, port") << QStringLiteral("HTTPS://Example.COM:443/Flipr/")
                                    << QStringLiteral("https://example.com/Flipr/");
        QTest::newRow("empty path")
            << QStringLiteral("http://Example.com") << QStringLiteral("http://example.com/");
        QTest::newRow("escapes") << QStringLiteral("HTTP://a.b:80/%7euser/x%2fy")
                                 << QStringLiteral("http://a.b/~user/x%2Fy");
        QTest::newRow("urn") << QStringLiteral("urn:Foo:Bar") << QStringLiteral("urn:foo:Bar");
    }

    void canonicalUri()
    {
        QFETCH(QString, uri);
        QFETCH(QString, canonical);
        QCOMPARE(SqitchChange::canonicalUri(uri), canonical);
    }

    void scriptHash_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("hash");
        // python3 -c 'import hashlib; print(hashlib.sha1(BYTES).hexdigest())': the raw bytes,
        // BOM and CR included.
        QTest::newRow("script") << usersSql << usersHash;
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        QTest::newRow("bom, crlf") << QByteArray("\xef\xbb\xbfSELECT 1;\r\n")
                                   << QStringLiteral("34b72118885deef56dade1ae87652052fe882d83");
    }

    void scriptHash()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, hash);
        PgConnection connection(m_conninfo);
        connection.open();
        SqitchHistory history(connection, {});
        QCOMPARE(history.checksum(file), hash);
        QCOMPARE(history.toolLockKeys(), QList<qint64>{75474063});
        QCOMPARE(history.tableName(), QStringLiteral("sqitch.changes"));
    }

    void planErrors_data()
    {
        QTest::addColumn<QByteArray>("plan");
        QTest::addColumn<QString>("error"); // after "<plan path>:"
        const QByteArray head = "%syntax-version=1.0.0\n%project=flipr\n\n";
        const QByteArray users = "users 2024-01-02T03:04:05Z Alice <alice@example.com>\n";
        QTest::newRow("no blank line after the pragmas")
            << QByteArray("%project=flipr\n") + users
            << QStringLiteral("2: expected a %pragma; a blank line must come between the "
                              "pragmas and the changes");
        QTest::newRow("no project") << QByteArray("%syntax-version=1.0.0\n\n") + users
                                    << QStringLiteral(" expected a %project pragma");
        QTest::newRow("no timestamp")
            << head + users + "flips Bob <bob@example.com>\n"
            << QStringLiteral("5: expected a timestamp (2024-01-02T03:04:05Z) after \"flips\"");
        QTest::newRow("no planner")
            << head + users + "flips 2024-01-02T03:04:05Z\n"
            << QStringLiteral("5: expected the planner's name and <email> after the timestamp");
        QTest::newRow("bad name")
            << head + "users: 2024-01-02T03:04:05Z Alice <alice@example.com>\n"
            << QStringLiteral("4: expected a change or @tag name (no punctuation first or last, "
                              "none of blanks : @ # \\)");
        QTest::newRow("duplicate change")
            << head + users + "\n" + users
            << QStringLiteral("6: the change \"users\" was declared on line 4 already (rework a "
                              "change only after a tag)");
        QTest::newRow("tag first") << head + "@v1 2024-01-02T03:04:05Z Alice <alice@example.com>\n"
                                   << QStringLiteral("4: the tag \"v1\" comes before any change");
        QTest::newRow("unknown requirement")
            << head + users + "flips [nope] 2024-01-02T03:04:05Z Bob <bob@example.com>\n"
            << QStringLiteral("5: the change \"flips\" requires \"nope\", which the plan does "
                              "not list before it");
        QTest::newRow("reserved") << head + "HEAD 2024-01-02T03:04:05Z Alice <alice@example.com>\n"
                                  << QStringLiteral("4: \"HEAD\" is a reserved name");
        QTest::newRow("bad time") << head + "users 2024-13-02T03:04:05Z Alice <alice@example.com>\n"
                                  << QStringLiteral("4: 2024-13-02T03:04:05Z is not a valid time");
    }

    void planErrors()
    {
        QFETCH(QByteArray, plan);
        QFETCH(QString, error);
        file(QStringLiteral("sqitch.plan"), plan);
        file(QStringLiteral("deploy/users.sql"), usersSql);
        file(QStringLiteral("deploy/flips.sql"), "SELECT 1;\n");
        const QStringList found = errors();
        QCOMPARE(found, QStringList{planPath() + QLatin1Char(':') + error});
    }

    void missingDeployScript()
    {
        fliprProject();
        QFile::remove(path(QStringLiteral("deploy/lists.sql")));
        QCOMPARE(errors(),
                 QStringList{
                     QStringLiteral("%1: the deploy script of the change \"lists\" (%2:8) "
                                    "does not exist")
                         .arg(QDir::toNativeSeparators(path(QStringLiteral("deploy/lists.sql"))),
                              planPath())});
    }

    void configuredDirectoriesAndRegistry()
    {
        file(QStringLiteral("sqitch.conf"),
             "[core]\n\tengine = pg\n\ttop_dir = db\n\tdeploy_dir = db/up ; a comment\n"
             "[engine \"pg\"]\n\tregistry = \"meta\"\n\ttarget = prod\n"
             "[target \"prod\"]\n\tregistry = reg_prod\n"
             "[user]\n\tname = Conf User\n\temail = conf@example.com\n");
        file(QStringLiteral("sqitch.plan"),
             "%project=p\n\n"
             "a 2024-01-02T03:04:05Z A <a@example.com>\n");
        file(QStringLiteral("db/sqitch.plan"),
             "%project=p\n\n"
             "b 2024-01-02T03:04:05Z A <a@example.com>\n");
        file(QStringLiteral("db/up/b.sql"), "SELECT 1;\n");
        file(QStringLiteral("db/revert/b.sql"), "SELECT 2;\n");
        const MigrationFolder read = MigrationFolder::read(folder());
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(read.migrations().size(), 1);
        const Migration &b = read.migrations().first();
        QCOMPARE(b.description, QStringLiteral("b")); // the plan in top_dir
        QCOMPARE(b.upPath, path(QStringLiteral("db/up/b.sql")));
        QCOMPARE(b.downPath, path(QStringLiteral("db/revert/b.sql")));
        QCOMPARE(b.sqitchChange->registry, QStringLiteral("reg_prod")); // the target's first
        QCOMPARE(b.sqitchChange->userName, QStringLiteral("Conf User"));
        PgConnection connection(m_conninfo);
        connection.open();
        QCOMPARE(SqitchHistory(connection, read.migrations()).tableName(),
                 QStringLiteral("reg_prod.changes"));

        file(QStringLiteral("sqitch.conf"), "[core]\n\tengine = sqlite\n");
        QCOMPARE(errors().size(), 1);
        QVERIFY2(errors().first().contains(QStringLiteral("core.engine is sqlite")),
                 qPrintable(errors().first()));
    }

    // slipway-cli migrate writes the registry as sqitch deploy does.
    void registryWrittenByMigrate()
    {
        fliprProject();
        QCOMPARE(cli(QStringLiteral("migrate")).exitCode, 0);
        QCOMPARE(rows(QStringLiteral("SELECT obj_description('sqitch'::regnamespace)")),
                 QStringLiteral("Sqitch database deployment metadata v1.1."));
        QCOMPARE(rows(QStringLiteral("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM "
                                     "information_schema.tables WHERE table_schema = 'sqitch'")),
                 QStringLiteral("changes,dependencies,events,projects,releases,tags"));
        QCOMPARE(rows(QStringLiteral("SELECT version || ' ' || installer_name || ' ' || "
                                     "installer_email FROM sqitch.releases")),
                 QStringLiteral("1.1 Slipway Tester tester@example.com"));
        QCOMPARE(rows(QStringLiteral("SELECT project || ' ' || coalesce(uri, 'null') || ' ' || "
                                     "creator_name FROM sqitch.projects")),
                 QStringLiteral("flipr null Slipway Tester"));
        QCOMPARE(rows(QStringLiteral(
                     "SELECT string_agg(change_id || '|' || change || '|' || note || '|' || "
                     "committer_name || '|' || committer_email || '|' || "
                     "to_char(planned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || '|' "
                     "|| planner_name || '|' || planner_email, E'\\n' ORDER BY committed_at) "
                     "FROM sqitch.changes")),
                 QStringList({usersId
                                  + QStringLiteral("|users|Creates table users.|Slipway "
                                                   "Tester|tester@example.com|"
                                                   "2024-01-02T03:04:05|Alice|alice@example.com"),
                              flipsId
                                  + QStringLiteral("|flips||Slipway Tester|tester@example.com|"
                                                   "2024-01-02T04:00:00|Bob Smith|"
                                                   "bob@example.com"),
                              listsId
                                  + QStringLiteral("|lists|Lists\nwith newline|Slipway "
                                                   "Tester|tester@example.com|"
                                                   "2024-01-04T00:00:00|Alice|alice@example.com"),
                              users2Id
                                  + QStringLiteral("|users|Reworked users.|Slipway Tester|"
                                                   "tester@example.com|2024-01-05T00:00:00|"
                                                   "Alice|alice@example.com")})
                     .join(QLatin1Char('\n')));
        QCOMPARE(rows(
                     QStringLiteral("SELECT script_hash FROM sqitch.changes WHERE change_id = '%1'")
                         .arg(usersId)),
                 usersHash);
        QCOMPARE(rows(QStringLiteral("SELECT string_agg(change_id || ' ' || type || ' ' || "
                                     "dependency || ' ' || coalesce(dependency_id, 'null'), ',' "
                                     "ORDER BY change_id, dependency) FROM sqitch.dependencies "
                                     "WHERE change_id = '%1'")
                          .arg(listsId)),
                 QStringLiteral(
                     "%1 require flips %2,%1 conflict other:legacy null,%1 require users %3")
                     .arg(listsId, flipsId, usersId));
        // users@v1.0 is the users deployed before the tag: the first one.
        QCOMPARE(rows(QStringLiteral("SELECT dependency_id FROM sqitch.dependencies WHERE "
                                     "change_id = '%1'")
                          .arg(users2Id)),
                 usersId);
        QCOMPARE(rows(QStringLiteral("SELECT tag_id || ' ' || tag || ' ' || change_id || ' ' || "
                                     "note FROM sqitch.tags")),
                 QStringLiteral("%1 @v1.0 %2 Tag v1.0.").arg(v1TagId, flipsId));
        QCOMPARE(rows(QStringLiteral("SELECT string_agg(event || ' ' || change || ' ' || "
                                     "tags::text || ' ' || requires::text || ' ' || "
                                     "conflicts::text, ',' ORDER BY committed_at) FROM "
                                     "sqitch.events")),
                 QStringLiteral("deploy users {} {} {},deploy flips {@v1.0} {users} {},"
                                "deploy lists {} {users,flips} {other:legacy},"
                                "deploy users {} {users@v1.0} {}"));
        QCOMPARE(InteropTools::slipwayStates(m_conninfo, folder()),
                 (QStringList{QStringLiteral("sqitch"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied"),
                              QStringLiteral("applied")}));
        QCOMPARE(cli(QStringLiteral("migrate")).exitCode, 0); // nothing more to do
        QCOMPARE(rows(QStringLiteral("SELECT count(*) FROM sqitch.events")), QStringLiteral("4"));
    }

    void rollbackLogsRevert()
    {
        fliprProject();
        QCOMPARE(cli(QStringLiteral("migrate")).exitCode, 0);
        QCOMPARE(cli(QStringLiteral("rollback"), {QStringLiteral("--steps"), QStringLiteral("3")})
                     .exitCode,
                 0);
        QCOMPARE(rows(QStringLiteral("SELECT string_agg(change_id, ',') FROM sqitch.changes")),
                 usersId);
        QCOMPARE(rows(QStringLiteral("SELECT count(*) FROM sqitch.tags")), QStringLiteral("0"));
        QCOMPARE(rows(QStringLiteral("SELECT count(*) FROM sqitch.dependencies")),
                 QStringLiteral("0"));
        QCOMPARE(rows(QStringLiteral("SELECT string_agg(event || ' ' || change_id || ' ' || "
                                     "tags::text || ' ' || requires::text || ' ' || "
                                     "conflicts::text || ' ' || note, ',' ORDER BY committed_at) "
                                     "FROM sqitch.events WHERE event = 'revert'")),
                 QStringLiteral("revert %1 {} {users@v1.0} {} Reworked users.,"
                                "revert %2 {} {users,flips} {other:legacy} Lists\nwith newline,"
                                "revert %3 {@v1.0} {users} {} ")
                     .arg(users2Id, listsId, flipsId));
        QVERIFY(!tableExists(QStringLiteral("flips")));
        QCOMPARE(InteropTools::slipwayStates(m_conninfo, folder()),
                 (QStringList{QStringLiteral("sqitch"),
                              QStringLiteral("applied"),
                              QStringLiteral("pending"),
                              QStringLiteral("pending"),
                              QStringLiteral("pending")}));
        // Deployed again: the same ids, new events.
        QCOMPARE(cli(QStringLiteral("migrate")).exitCode, 0);
        QCOMPARE(rows(QStringLiteral("SELECT count(*) FROM sqitch.changes")), QStringLiteral("4"));
        QCOMPARE(rows(QStringLiteral("SELECT count(*) FROM sqitch.events")), QStringLiteral("10"));
    }

    void editedDeployScriptIsAChecksumMismatch()
    {
        fliprProject();
        QVERIFY(migrate().ok());
        file(QStringLiteral("deploy/lists.sql"), "CREATE TABLE lists (id int, name text);\n");
        const MigrationRunResult result = status();
        QCOMPARE(result.tool, MigrationTool::Sqitch);
        QCOMPARE(result.historyTable, QStringLiteral("sqitch.changes"));
        QCOMPARE(states(result),
                 (QList<State>{State::Applied,
                               State::Applied,
                               State::ChecksumMismatch,
                               State::Applied}));
        QCOMPARE(InteropTools::slipwayStates(m_conninfo, folder()).at(3),
                 QStringLiteral("checksum_mismatch"));
        QVERIFY(!migrate().ok());
    }

    // An edited plan line changes the change's id (and every later one's): the rows are still
    // the plan's changes, by name, and status says Sqitch would not find them.
    void editedPlanLineIsFlagged()
    {
        fliprProject();
        QVERIFY(migrate().ok());
        QByteArray plan = flipr;
        plan.replace("<bob@example.com>\n", "<bob@example.com> # Flips.\n");
        file(QStringLiteral("sqitch.plan"), plan);
        const MigrationRunResult result = status();
        QCOMPARE(states(result),
                 (QList<State>{State::Applied, State::Applied, State::Applied, State::Applied}));
        QVERIFY(result.status.at(0).history->toolState.isEmpty());
        const QString flagged = result.status.at(1).history->toolState;
        QVERIFY2(flagged.startsWith(
                     QStringLiteral("change id %1 in the registry, ").arg(flipsId.left(12))),
                 qPrintable(flagged));
        // Every later id has the edited one as an ancestor.
        QVERIFY(!result.status.at(2).history->toolState.isEmpty());
        QVERIFY(!result.status.at(3).history->toolState.isEmpty());
        QCOMPARE(result.status.at(3).history->description, QStringLiteral("users"));
    }

    void registryRowNotInThePlan()
    {
        fliprProject();
        QVERIFY(migrate().ok());
        // A change deployed from another branch's plan.
        m_db->execute(QStringLiteral(
            "INSERT INTO sqitch.changes (change_id, script_hash, change, project, note, "
            "committer_name, committer_email, planned_at, planner_name, planner_email) "
            "VALUES (repeat('a', 40), 'x', 'elsewhere', 'flipr', '', 'c', 'c@x', now(), 'p', "
            "'p@x')"));
        const MigrationRunResult result = status();
        QCOMPARE(states(result),
                 (QList<State>{State::Applied,
                               State::Applied,
                               State::Applied,
                               State::Applied,
                               State::MissingFile}));
        QCOMPARE(result.status.at(4).version, QStringLiteral("4.5"));
        QCOMPARE(result.status.at(4).description, QStringLiteral("elsewhere"));
    }

    // A change outside a transaction is only in Slipway's notes until its last statement is done.
    void nonTransactionalChangeLoggedAtTheEnd()
    {
        file(QStringLiteral("sqitch.plan"),
             "%project=idx\n\nt 2024-01-02T03:04:05Z A <a@example.com>\n"
             "t_idx [t] 2024-01-02T03:04:06Z A <a@example.com>\n");
        file(QStringLiteral("deploy/t.sql"), "CREATE TABLE t (id int);\n");
        file(QStringLiteral("deploy/t_idx.sql"),
             "-- slipway:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(rows(QStringLiteral("SELECT string_agg(change, ',' ORDER BY committed_at) FROM "
                                     "sqitch.changes")),
                 QStringLiteral("t,t_idx"));
        QCOMPARE(rows(QStringLiteral("SELECT count(*) FROM slipway.tool_history")),
                 QStringLiteral("0"));
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Applied}));
    }

    // Without SQITCH_FULLNAME and SQITCH_EMAIL, sqitch.conf's [user] names the committer.
    void committerFromTheConfig()
    {
        fliprProject();
        file(QStringLiteral("sqitch.conf"),
             "[core]\n\tengine = pg\n[user]\n\tname = Conf User\n\temail = conf@example.com\n");
        qunsetenv("SQITCH_FULLNAME");
        qunsetenv("SQITCH_EMAIL");
        const TestSandbox::CliRun run = cli(QStringLiteral("migrate"));
        qputenv("SQITCH_FULLNAME", "Slipway Tester");
        qputenv("SQITCH_EMAIL", "tester@example.com");
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(rows(QStringLiteral("SELECT DISTINCT committer_name || ' ' || committer_email "
                                     "FROM sqitch.changes")),
                 QStringLiteral("Conf User conf@example.com"));
    }
};

QTEST_GUILESS_MAIN(TestSqitchHistory)
#include "tst_sqitchhistory.moc"
