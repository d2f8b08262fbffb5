// "New migration" templates: every template, written into a folder of every dialect, reads back
// as migrations of that folder and lints clean; bad parameters are refused; nothing is
// overwritten.

#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationtemplates.h"
#include "testfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

QHash<QString, QString> placeholders(const MigrationTemplates::Template &t)
{
    QHash<QString, QString> values;
    for (const MigrationTemplates::Parameter &parameter : t.parameters)
        values.insert(parameter.key, parameter.placeholder);
    return values;
}

using TestFiles::write;

} // namespace

class TestMigrationTemplates : public QObject
{
    Q_OBJECT

private slots:
    void templatesLintClean_data()
    {
        QTest::addColumn<QString>("templateId");
        QTest::addColumn<int>("dialect");
        for (const MigrationTemplates::Template &t : MigrationTemplates::all()) {
            for (MigrationFolder::Dialect dialect : {MigrationFolder::Dialect::Flyway,
                                                     MigrationFolder::Dialect::Seeds,
                                                     MigrationFolder::Dialect::UpDown,
                                                     MigrationFolder::Dialect::Dbmate,
                                                     MigrationFolder::Dialect::Prisma,
                                                     MigrationFolder::Dialect::Liquibase,
                                                     MigrationFolder::Dialect::Sqitch}) {
                QTest::newRow(
                    qPrintable(t.id + QLatin1Char(' ') + MigrationFolder::dialectName(dialect)))
                    << t.id << int(dialect);
            }
        }
    }

    void templatesLintClean()
    {
        QFETCH(QString, templateId);
        QFETCH(int, dialect);
        QTemporaryDir dir;
        // A first migration that creates the tables the templates work on, in the dialect.
        const MigrationFolder::Dialect kind = MigrationFolder::Dialect(dialect);
        const QByteArray create
            = "CREATE SCHEMA IF NOT EXISTS shop;\n"
              "CREATE TABLE shop.customers (id bigint PRIMARY KEY);\n"
              "CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id bigint,\n"
              "    ordered_at timestamptz, loyalty_tier text);\n";
        const QByteArray drop = "DROP TABLE shop.orders;\nDROP TABLE shop.customers;\n";
        switch (kind) {
        case MigrationFolder::Dialect::Flyway:
            write(dir.filePath(QStringLiteral("V1__init.sql")), create);
            write(dir.filePath(QStringLiteral("U1__init.sql")), drop);
            break;
        case MigrationFolder::Dialect::Seeds:
            write(dir.filePath(QStringLiteral("migrations/V001__init.sql")), create);
            write(dir.filePath(QStringLiteral("rollback/R001__init.sql")), drop);
            break;
        case MigrationFolder::Dialect::UpDown:
            write(dir.filePath(QStringLiteral("20200101000000_init.up.sql")), create);
            write(dir.filePath(QStringLiteral("20200101000000_init.down.sql")), drop);
            break;
        case MigrationFolder::Dialect::Prisma:
            write(dir.filePath(QStringLiteral("migration_lock.toml")),
                  "provider = \"postgresql\"\n");
            write(dir.filePath(QStringLiteral("20200101000000_init/migration.sql")), create);
            write(dir.filePath(QStringLiteral("20200101000000_init/down.sql")), drop);
            break;
        case MigrationFolder::Dialect::Liquibase:
            write(dir.filePath(QStringLiteral("000_init.sql")),
                  "--liquibase formatted sql\n--changeset ann:init\n" + create
                      + "--rollback DROP TABLE shop.orders;\n--rollback DROP TABLE "
                        "shop.customers;\n");
            break;
        case MigrationFolder::Dialect::Sqitch:
            write(dir.filePath(QStringLiteral("sqitch.plan")),
                  "%syntax-version=1.0.0\n%project=shop\n\n"
                  "init 2020-01-01T00:00:00Z Ann <ann@example.com> # The tables\n");
            write(dir.filePath(QStringLiteral("deploy/init.sql")), create);
            write(dir.filePath(QStringLiteral("revert/init.sql")), drop);
            break;
        default:
            write(dir.filePath(QStringLiteral("20200101000000_init.sql")),
                  "-- migrate:up\n" + create + "\n-- migrate:down\n" + drop);
        }
        MigrationFolder folder = MigrationFolder::read(dir.path());
        QCOMPARE(folder.dialect(), kind);

        const auto templates = MigrationTemplates::all();
        const auto t = std::find_if(templates.cbegin(), templates.cend(), [&](const auto &x) {
            return x.id == templateId;
        });
        QString error;
        const QList<MigrationTemplates::Step> steps = MigrationTemplates::render(templateId,
                                                                                 placeholders(*t),
                                                                                 &error);
        QVERIFY2(!steps.isEmpty(), qPrintable(error));
        const QStringList written = MigrationTemplates::write(folder, steps, &error);
        QVERIFY2(!written.isEmpty(), qPrintable(error));

        folder = MigrationFolder::read(dir.path());
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(folder.migrations().size(), 1 + steps.size());
        for (const Migration &migration : folder.migrations())
            QVERIFY2(migration.hasRollback(), qPrintable(migration.upPath));
        QString text;
        QVERIFY(MigrationFolder::readUp(folder.migrations().at(1), &text, &error));
        QCOMPARE(MigrationFolder::declaresNoTransaction(text), steps.first().noTransaction);

        LintOptions options;
        options.excludedRules = {QStringLiteral("prefer-bigint-over-int")};
        Linter linter(options);
        QStringList problems;
        for (const Finding &finding : FolderLinter::lint(folder, linter, &problems)) {
            if (!finding.file.contains(QLatin1String("init")))
                problems.append(QStringLiteral("%1:%2 %3 %4")
                                    .arg(finding.file)
                                    .arg(finding.line)
                                    .arg(finding.rule, finding.message));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // Writing again never overwrites. Numbered dialects take the next free versions, so it
        // succeeds with new files. Timestamped ones (up/down, dbmate) name files by the second:
        // within the same second the names clash, and the write is refused before anything is
        // written; a second later it succeeds like the others.
        auto files = [&dir] {
            QStringList list;
            QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                list << it.next();
            list.sort();
            return list;
        };
        auto contents = [](const QStringList &paths) {
            QStringList list;
            for (const QString &path : paths) {
                QFile file(path);
                list << (file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll())
                                                        : QStringLiteral("<unreadable>"));
            }
            return list;
        };
        const QStringList before = files();
        const QStringList firstContents = contents(written);
        error.clear();
        const QStringList again = MigrationTemplates::write(folder, steps, &error);
        // Sqitch names a change by its description alone: the same step twice is the same name.
        const bool timestamped = kind == MigrationFolder::Dialect::UpDown
                                 || kind == MigrationFolder::Dialect::Dbmate
                                 || kind == MigrationFolder::Dialect::Prisma
                                 || kind == MigrationFolder::Dialect::Liquibase
                                 || kind == MigrationFolder::Dialect::Sqitch;
        if (again.isEmpty()) {
            QVERIFY2(timestamped, qPrintable(error));
            QVERIFY2(error.contains(QLatin1String("already exists")), qPrintable(error));
            QCOMPARE(files(), before); // nothing written
        } else {
            QVERIFY(error.isEmpty());
            for (const QString &path : again)
                QVERIFY2(!before.contains(path), qPrintable(path + QStringLiteral(" overwritten")));
            QCOMPARE(MigrationFolder::read(dir.path()).migrations().size(), 1 + 2 * steps.size());
        }
        QCOMPARE(contents(written), firstContents); // the first files are untouched
    }

    // A migration written into a Drizzle or Sqitch folder is listed where those tools look:
    // the journal entry as drizzle-kit writes it (its key order, two spaces, "when" after the
    // newest one), the plan line as sqitch add writes it.
    void newMigrationIsListedInTheToolsIndex()
    {
        QString error;
        const QList<MigrationTemplates::Step> steps{
            {QStringLiteral("add note"),
             QStringLiteral("ALTER TABLE t ADD COLUMN note text;\n"),
             QStringLiteral("ALTER TABLE t DROP COLUMN note;\n"),
             false}};
        QTemporaryDir drizzle;
        write(drizzle.filePath(QStringLiteral("0000_init.sql")), "CREATE TABLE t (id int);\n");
        write(
            drizzle.filePath(QStringLiteral("meta/_journal.json")),
            "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n"
            "    {\n      \"idx\": 0,\n      \"version\": \"7\",\n      \"when\": 4102444800000,\n"
            "      \"tag\": \"0000_init\",\n      \"breakpoints\": true\n    }\n  ]\n}");
        const QStringList written = MigrationTemplates::write(MigrationFolder::read(drizzle.path()),
                                                              steps,
                                                              &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(written.first(), drizzle.filePath(QStringLiteral("0001_add_note.sql")));
        QFile journal(drizzle.filePath(QStringLiteral("meta/_journal.json")));
        QVERIFY(journal.open(QIODevice::ReadOnly));
        // 4102444800000 is 2100-01-01: the new entry follows it, not the clock.
        QCOMPARE(QString::fromUtf8(journal.readAll()),
                 QStringLiteral(
                     "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n"
                     "  \"entries\": [\n"
                     "    {\n      \"idx\": 0,\n      \"version\": \"7\",\n"
                     "      \"when\": 4102444800000,\n      \"tag\": \"0000_init\",\n"
                     "      \"breakpoints\": true\n    },\n"
                     "    {\n      \"idx\": 1,\n      \"version\": \"7\",\n"
                     "      \"when\": 4102444800001,\n      \"tag\": \"0001_add_note\",\n"
                     "      \"breakpoints\": true\n    }\n  ]\n}"));
        const MigrationFolder reread = MigrationFolder::read(drizzle.path());
        QVERIFY2(reread.isValid(), qPrintable(reread.errors().join(QLatin1Char('\n'))));
        QCOMPARE(reread.migrations().size(), 2);

        QTemporaryDir sqitch;
        write(sqitch.filePath(QStringLiteral("sqitch.plan")),
              "%syntax-version=1.0.0\n%project=shop\n\n"
              "init 2020-01-01T00:00:00Z Ann <ann@example.com> # The table");
        write(sqitch.filePath(QStringLiteral("sqitch.conf")),
              "[core]\n\tengine = pg\n[user]\n\tname = Bob Planner\n\temail = bob@example.com\n");
        write(sqitch.filePath(QStringLiteral("deploy/init.sql")), "CREATE TABLE t (id int);\n");
        write(sqitch.filePath(QStringLiteral("revert/init.sql")), "DROP TABLE t;\n");
        error.clear();
        MigrationTemplates::write(MigrationFolder::read(sqitch.path()), steps, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile plan(sqitch.filePath(QStringLiteral("sqitch.plan")));
        QVERIFY(plan.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(plan.readAll()).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 6); // the new line, then the end of the file
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^add_note \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:"
                                    "\\d\\dZ Bob Planner <bob@example.com> # add note$"))
                     .match(lines.at(4))
                     .hasMatch(),
                 qPrintable(lines.at(4)));
        const MigrationFolder planned = MigrationFolder::read(sqitch.path());
        QVERIFY2(planned.isValid(), qPrintable(planned.errors().join(QLatin1Char('\n'))));
        QCOMPARE(planned.migrations().size(), 2);
        QCOMPARE(planned.migrations().last().description, QStringLiteral("add_note"));
    }

    void badParameters()
    {
        QString error;
        QHash<QString, QString> values{{QStringLiteral("table"),
                                        QStringLiteral("orders; DROP TABLE x")},
                                       {QStringLiteral("columns"), QStringLiteral("a")},
                                       {QStringLiteral("index"), QStringLiteral("i")}};
        QVERIFY(MigrationTemplates::render(QStringLiteral("concurrent-index"), values, &error)
                    .isEmpty());
        QVERIFY2(error.contains(QLatin1String("is not a plain SQL name")), qPrintable(error));
        values.remove(QStringLiteral("index"));
        values.insert(QStringLiteral("table"), QStringLiteral("orders"));
        QVERIFY(MigrationTemplates::render(QStringLiteral("concurrent-index"), values, &error)
                    .isEmpty());
        QVERIFY2(error.contains(QLatin1String("Index name is missing")), qPrintable(error));
        QVERIFY(MigrationTemplates::render(QStringLiteral("nope"), values, &error).isEmpty());
    }

    void refusesToOverwrite()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V1__init.sql")), "SELECT 1;\n");
        write(dir.filePath(QStringLiteral("U2__index_i.sql")), "-- in the way\n");
        const MigrationFolder folder = MigrationFolder::read(dir.path());
        QString error;
        const QList<MigrationTemplates::Step> steps
            = MigrationTemplates::render(QStringLiteral("concurrent-index"),
                                         {{QStringLiteral("table"), QStringLiteral("t")},
                                          {QStringLiteral("columns"), QStringLiteral("c")},
                                          {QStringLiteral("index"), QStringLiteral("i")}},
                                         &error);
        QCOMPARE(steps.size(), 1);
        QVERIFY(MigrationTemplates::write(folder, steps, &error).isEmpty());
        QVERIFY2(error.contains(QLatin1String("U2__index_i.sql: already exists")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("V2__index_i.sql"))));
    }
};

QTEST_GUILESS_MAIN(TestMigrationTemplates)
#include "tst_migrationtemplates.moc"
