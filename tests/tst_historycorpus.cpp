// Conformance: the real migration histories of public projects in $SLIPWAY_CORPUS/migrations
// (its INDEX.tsv names each folder's source, tool and oddities), run end to end on a fresh
// database of the fixture's server: every file read without an error, the folder's tool found,
// every migration applied in order and recorded in that tool's own table, and rolled back again
// where every migration has a down script. The expected counts are the ones INDEX.tsv gives for
// each folder, not what Slipway reports. Each folder is copied into a temporary folder first, so
// nothing is ever written into the corpus. The core suites (tst_toolhistory,
// tst_drizzlehistory, tst_liquibasehistory, tst_sqitchhistory) cover the same layouts with
// folders they write themselves.

#include "migrationfixture.h"

#include "migrations/liquibasechangeset.h"
#include "migrations/migrationtool.h"

#include "corpus.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace {

using State = MigrationStatusEntry::State;

// What rolling every migration back must do.
enum class Rollback {
    All,     // every migration has a down script: all are undone, the table is empty again
    Refused, // some have none: the rollback stops before running anything
    Quirk,   // an upstream fixture's own rollback cannot work: `quirk` is the expected error
};

struct CorpusCase
{
    QString source;      // under $SLIPWAY_CORPUS/migrations: a folder or one file
    QString destination; // where the copy goes in the temporary folder
    QString directory;   // the migration folder, relative to the temporary folder
    MigrationFolder::Dialect dialect = MigrationFolder::Dialect::Unknown;
    MigrationTool tool = MigrationTool::Slipway;
    bool explicitTool = false; // passed as --tool would pass it, not detected
    int migrations = 0;
    int withRollback = 0;
    QString recordedSql; // how many migrations the tool's own table says are applied
    Rollback rollback = Rollback::Refused;
    int quirkSteps = 0; // Quirk: the rollback's --steps
    int quirkDone = 0;  // Quirk: how many it undoes before the failure
    QString quirk;      // Quirk: part of the failure's message
};

// Every file of `from` (a folder or a file) copied to `to`, folders created as needed.
bool copyTree(const QString &from, const QString &to, QString *error)
{
    const QFileInfo source(from);
    QStringList files;
    if (source.isFile()) {
        files << QString();
    } else {
        QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << QDir(from).relativeFilePath(it.next());
    }
    for (const QString &relative : std::as_const(files)) {
        const QString in = relative.isEmpty() ? from : QDir(from).filePath(relative);
        const QString out = relative.isEmpty() ? to : QDir(to).filePath(relative);
        if (!QDir().mkpath(QFileInfo(out).absolutePath()) || !QFile::copy(in, out)) {
            *error = QStringLiteral("cannot copy %1 to %2").arg(in, out);
            return false;
        }
    }
    return true;
}

// Whether version `a` sorts before `b` the way the tools order them: part by part as numbers
// (Flyway's 2 < 2.1 < 10, timestamps), computed here rather than with MigrationVersion.
bool numericallyBefore(const QString &a, const QString &b)
{
    static const QRegularExpression separator(QStringLiteral("[._]"));
    const QStringList left = a.split(separator);
    const QStringList right = b.split(separator);
    for (qsizetype i = 0; i < qMin(left.size(), right.size()); ++i) {
        if (left.at(i).toULongLong() != right.at(i).toULongLong())
            return left.at(i).toULongLong() < right.at(i).toULongLong();
    }
    return left.size() < right.size();
}

// How a run names each migration it applied or undid ("<version> <description>", R for a
// repeatable one), in the folder's order.
QStringList labels(const MigrationFolder &folder)
{
    QStringList out;
    for (const Migration &migration : folder.migrations())
        out << QStringLiteral("%1 %2").arg(migration.isRepeatable() ? QStringLiteral("R")
                                                                    : migration.version.text(),
                                           migration.description);
    return out;
}

QList<State> states(const MigrationRunResult &result)
{
    QList<State> out;
    for (const MigrationStatusEntry &entry : result.status)
        out << entry.state;
    return out;
}

// The tables' own counts of applied migrations (docs/history-tables.md).
const QString slipwayRows = QStringLiteral("SELECT count(*) FROM slipway.schema_history");
const QString flywayRows = QStringLiteral(
    "SELECT count(*) FROM flyway_schema_history WHERE success AND type = 'SQL'");
// Prisma keeps a rolled-back row and marks it.
const QString prismaRows = QStringLiteral(
    "SELECT count(*) FROM _prisma_migrations "
    "WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL");
const QString drizzleRows = QStringLiteral("SELECT count(*) FROM drizzle.__drizzle_migrations");
const QString liquibaseRows = QStringLiteral(
    "SELECT count(*) FROM databasechangelog WHERE exectype = 'EXECUTED'");
const QString sqitchRows = QStringLiteral(
    "SELECT count(*) FROM sqitch.changes WHERE project = 'flipr'");
const QString dbmateRows = QStringLiteral("SELECT count(*) FROM schema_migrations");
// golang-migrate keeps one row, the newest version, clean: 9 when that is the ninth migration.
const QString golangRows = QStringLiteral(
    "SELECT CASE WHEN version = 1885849751 AND NOT dirty THEN 9 ELSE -1 END "
    "FROM schema_migrations");

CorpusCase liquibaseFile(const QString &relative, int changeSets, int withRollback)
{
    CorpusCase c;
    c.source = QStringLiteral("liquibase-formatted-sql/") + relative;
    c.destination = relative; // FILENAME is the path relative to the folder, as upstream
    c.directory = QStringLiteral(".");
    c.dialect = MigrationFolder::Dialect::Liquibase;
    c.tool = MigrationTool::Liquibase;
    c.migrations = changeSets;
    c.withRollback = withRollback;
    c.recordedSql = liquibaseRows;
    c.rollback = withRollback == changeSets ? Rollback::All : Rollback::Refused;
    return c;
}

} // namespace

Q_DECLARE_METATYPE(CorpusCase)

class TestHistoryCorpus : public MigrationFixture
{
    Q_OBJECT

    QString m_migrations;
    QString m_directory; // the copied migration folder the runner works on
    std::optional<MigrationTool> m_tool;

    MigrationRunResult runOn(const std::function<MigrationRunResult(MigrationRunner &)> &verb,
                             MigrationRunOptions options = {})
    {
        options.tool = m_tool;
        PgConnection connection(m_conninfo);
        connection.open();
        MigrationRunner runner(connection, m_directory, MigrationFolder::Dialect::Unknown, options);
        runner.setEventSink([this](const MigrationEvent &event) {
            if (!event.message.isEmpty())
                m_log << event.message;
        });
        return verb(runner);
    }

    QString failure(const MigrationRunResult &result) const
    {
        return result.message + QLatin1Char('\n')
               + m_log.mid(qMax(0, m_log.size() - 5)).join(QLatin1Char('\n'));
    }

    // Copies a corpus path into the fixture's temporary folder; the migration folder in it.
    QString copy(const QString &source, const QString &destination, const QString &directory)
    {
        QString error;
        if (!copyTree(QDir(m_migrations).filePath(source),
                      QDir(folder()).filePath(destination),
                      &error)) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        return QDir::cleanPath(QDir(folder()).filePath(directory));
    }

private slots:
    void initTestCase()
    {
        SLIPWAY_REQUIRE_CORPUS(m_migrations, QStringLiteral("migrations"));
        m_defaultTool.reset(); // each folder's own tool is what this suite checks
    }

    void history_data()
    {
        QTest::addColumn<CorpusCase>("corpusCase");
        using Dialect = MigrationFolder::Dialect;
        CorpusCase c;

        // 26 V0001.Name.up.sql / .down.sql pairs: not golang-migrate's names, so Slipway's own
        // table (Authelia keeps its own bookkeeping, which no tool here writes).
        c = {};
        c.source = QStringLiteral("authelia-postgres/migrations");
        c.destination = c.directory = QStringLiteral("migrations");
        c.dialect = Dialect::UpDown;
        c.tool = MigrationTool::Slipway;
        c.migrations = c.withRollback = 26;
        c.recordedSql = slipwayRows;
        c.rollback = Rollback::All;
        QTest::newRow("authelia-postgres") << c;

        // 5 up/down pairs and 4 comment-only up files without a down: the rollback of all nine
        // starts at one of those, so it is refused.
        c = {};
        c.source = QStringLiteral("golang-migrate-example/migrations");
        c.destination = c.directory = QStringLiteral("migrations");
        c.dialect = Dialect::UpDown;
        c.tool = MigrationTool::GolangMigrate;
        c.migrations = 9;
        c.withRollback = 5;
        c.recordedSql = golangRows;
        QTest::newRow("golang-migrate-example") << c;

        c = {};
        c.source = QStringLiteral("dbmate-testdata/migrations");
        c.destination = c.directory = QStringLiteral("db/migrations");
        c.dialect = Dialect::Dbmate;
        c.tool = MigrationTool::Dbmate;
        c.migrations = c.withRollback = 2;
        c.recordedSql = dbmateRows;
        c.rollback = Rollback::All;
        QTest::newRow("dbmate-testdata") << c;

        // Forward-only: Prisma has no down files.
        c = {};
        c.source = QStringLiteral("zipline-prisma/migrations");
        c.destination = c.directory = QStringLiteral("prisma/migrations");
        c.dialect = Dialect::Prisma;
        c.tool = MigrationTool::Prisma;
        c.migrations = 50;
        c.recordedSql = prismaRows;
        QTest::newRow("zipline-prisma") << c;

        // Drizzle's folder with its meta/ journal; 0002 wraps itself in BEGIN; ... COMMIT;.
        c = {};
        c.source = QStringLiteral("dittofeed-drizzle/drizzle");
        c.destination = c.directory = QStringLiteral("drizzle");
        c.dialect = Dialect::Drizzle;
        c.tool = MigrationTool::Drizzle;
        c.migrations = 11;
        c.recordedSql = drizzleRows;
        QTest::newRow("dittofeed-drizzle") << c;

        // 13 plan entries (insert_user and change_pass reworked), a revert script for each.
        c = {};
        c.source = QStringLiteral("sqitch-intro-flipr");
        c.destination = c.directory = QStringLiteral("flipr");
        c.dialect = Dialect::Sqitch;
        c.tool = MigrationTool::Sqitch;
        c.migrations = c.withRollback = 13;
        c.recordedSql = sqitchRows;
        c.rollback = Rollback::All;
        QTest::newRow("sqitch-intro-flipr") << c;

        // 81 V__ and 3 R__ files. A Flyway-style folder counts as Slipway's own unless the tool
        // is named, as a Flyway user names it (--tool flyway).
        c = {};
        c.source = QStringLiteral("marquez-flyway/db/migration");
        c.destination = c.directory = QStringLiteral("db/migration");
        c.dialect = Dialect::Flyway;
        c.tool = MigrationTool::Flyway;
        c.explicitTool = true;
        c.migrations = 84;
        c.recordedSql = flywayRows;
        QTest::newRow("marquez-flyway") << c;

        // Liquibase's fixtures create the same tables (person) in several files, so each
        // changelog runs on a database of its own, as INDEX.tsv says they were checked.
        QTest::newRow("liquibase included")
            << liquibaseFile(QStringLiteral("changelogs/common/included.sql"), 1, 0);
        // An indented CREATE TABLE without ';', and `-- rollback empty`.
        QTest::newRow("liquibase rollbackable")
            << liquibaseFile(QStringLiteral("changelogs/common/rollbackable.changelog.sql"), 2, 2);
        // A bare `--rollback` is a comment, not a rollback (Liquibase's ROLLBACK_REGEX wants
        // text after it).
        QTest::newRow("liquibase sqlstyle")
            << liquibaseFile(QStringLiteral("changelogs/common/sqlstyle/formatted.changelog.sql"),
                             6,
                             0);
        QTest::newRow("liquibase example")
            << liquibaseFile(QStringLiteral("changelogs/init/example-changelog.sql"), 3, 3);
        QTest::newRow("liquibase basic")
            << liquibaseFile(QStringLiteral("changelogs/pgsql/complete/basic.formatted.sql"), 1, 0);
        QTest::newRow("liquibase pg_sleep")
            << liquibaseFile(QStringLiteral("changelogs/pgsql/pg_sleep.sql"), 1, 0);
        // The second changeset is commented out (`-- --changeset`).
        QTest::newRow("liquibase update")
            << liquibaseFile(QStringLiteral("changelogs/update.changelog.sql"), 1, 0);
        // Authors with spaces and --rollback before the SQL. The upstream fixture's rollback of
        // createSecondaryTable drops SECONDARY_TABLE, while the changeset created
        // SECONDARY_TABLE_CHANGELOG_SQL: it cannot work anywhere (INDEX.tsv). Rolling back the
        // two changesets that have a rollback undoes createView, then stops on that error.
        c = liquibaseFile(QStringLiteral("liquibase-standard-parser/changelog.sql"), 3, 2);
        c.rollback = Rollback::Quirk;
        c.quirkSteps = 2;
        c.quirkDone = 1;
        c.quirk = QStringLiteral("table \"secondary_table\" does not exist");
        QTest::newRow("liquibase parser changelog") << c;
    }

    void history()
    {
        QFETCH(CorpusCase, corpusCase);
        const CorpusCase &c = corpusCase;
        // A database per row, named after it.
        m_databasePrefix = QStringLiteral("corpus_")
                           + QString::fromLatin1(QTest::currentDataTag())
                                 .toLower()
                                 .replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")),
                                          QStringLiteral("_"))
                           + QLatin1Char('_');
        fresh();
        m_directory = copy(c.source, c.destination, c.directory);
        QVERIFY(!m_directory.isEmpty());

        // Read: no error, the counts INDEX.tsv gives, the folder's tool.
        const MigrationFolder read = MigrationFolder::read(m_directory);
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(read.dialect(), c.dialect);
        QCOMPARE(read.migrations().size(), c.migrations);
        int withRollback = 0;
        for (const Migration &migration : read.migrations())
            withRollback += migration.hasRollback() ? 1 : 0;
        QCOMPARE(withRollback, c.withRollback);
        // Versions rise, repeatable migrations come last (Flyway's R__ after every V).
        const QList<Migration> &migrations = read.migrations();
        for (qsizetype i = 1; i < migrations.size(); ++i) {
            const Migration &previous = migrations.at(i - 1);
            const Migration &next = migrations.at(i);
            if (next.isRepeatable())
                continue;
            QVERIFY2(!previous.isRepeatable()
                         && numericallyBefore(previous.version.text(), next.version.text()),
                     qPrintable(previous.upPath + QStringLiteral(" before ") + next.upPath));
        }
        if (c.explicitTool) {
            QCOMPARE(MigrationTools::forFolder(read), MigrationTool::Slipway);
            m_tool = c.tool;
        } else {
            QCOMPARE(MigrationTools::forFolder(read), c.tool);
            m_tool.reset();
        }

        // Migrate: all of them, in order, recorded in the tool's table.
        const MigrationRunResult migrated = runOn(&MigrationRunner::migrate);
        QVERIFY2(migrated.ok(), qPrintable(failure(migrated)));
        QCOMPARE(migrated.tool, c.tool);
        QCOMPARE(migrated.done, labels(read)); // all of them, in that order
        QCOMPARE(value(c.recordedSql).toInt(), c.migrations);
        MigrationRunResult status = runOn(&MigrationRunner::status);
        QVERIFY2(status.ok(), qPrintable(failure(status)));
        QCOMPARE(states(status), QList<State>(c.migrations, State::Applied));

        // Roll all of them back.
        MigrationRunOptions options;
        options.steps = c.rollback == Rollback::Quirk ? c.quirkSteps : c.migrations;
        const MigrationRunResult rolledBack = runOn(&MigrationRunner::rollback, options);
        status = runOn(&MigrationRunner::status);
        QVERIFY2(status.ok(), qPrintable(failure(status)));
        switch (c.rollback) {
        case Rollback::All: {
            QVERIFY2(rolledBack.ok(), qPrintable(failure(rolledBack)));
            QStringList newestFirst = labels(read);
            std::reverse(newestFirst.begin(), newestFirst.end());
            QCOMPARE(rolledBack.done, newestFirst);
            QCOMPARE(value(c.recordedSql).toInt(), 0);
            QCOMPARE(states(status), QList<State>(c.migrations, State::Pending));
            break;
        }
        case Rollback::Refused:
            // Checked before anything runs: nothing is undone.
            QCOMPARE(rolledBack.cause, MigrationRunResult::Cause::NoRollbackScript);
            QVERIFY(rolledBack.done.isEmpty());
            QCOMPARE(value(c.recordedSql).toInt(), c.migrations);
            QCOMPARE(states(status), QList<State>(c.migrations, State::Applied));
            break;
        case Rollback::Quirk: {
            QVERIFY2(rolledBack.cause == MigrationRunResult::Cause::MigrationFailed,
                     qPrintable(rolledBack.message));
            QVERIFY2(rolledBack.message.contains(c.quirk), qPrintable(rolledBack.message));
            QCOMPARE(rolledBack.done.size(), c.quirkDone);
            const int left = c.migrations - c.quirkDone;
            QCOMPARE(value(c.recordedSql).toInt(), left);
            QList<State> expected(left, State::Applied);
            expected += QList<State>(c.quirkDone, State::Pending);
            QCOMPARE(states(status), expected);
            break;
        }
        }
    }

    // The Liquibase fixtures read as one folder (Liquibase's includeAll): INDEX.tsv's 18
    // changesets and 7 --rollback lines, one of them `rollback empty`.
    void liquibaseFolderAsAWhole()
    {
        m_dir = std::make_unique<QTemporaryDir>(); // read only: no database
        const QString directory = copy(QStringLiteral("liquibase-formatted-sql"),
                                       QStringLiteral("liquibase"),
                                       QStringLiteral("liquibase"));
        QVERIFY(!directory.isEmpty());
        const MigrationFolder read = MigrationFolder::read(directory);
        QVERIFY2(read.isValid(), qPrintable(read.errors().join(QLatin1Char('\n'))));
        QCOMPARE(read.dialect(), MigrationFolder::Dialect::Liquibase);
        QCOMPARE(read.migrations().size(), 18);
        int withRollback = 0;
        int empty = 0;
        QStringList authors;
        for (const Migration &migration : read.migrations()) {
            withRollback += migration.hasRollback() ? 1 : 0;
            empty += migration.changeSet->emptyRollback ? 1 : 0;
            authors << migration.changeSet->author;
        }
        QCOMPARE(withRollback, 7);
        QCOMPARE(empty, 1);
        QCOMPARE(authors.count(QStringLiteral("Liquibase Pro User")), 3);
    }
};

QTEST_GUILESS_MAIN(TestHistoryCorpus)
#include "tst_historycorpus.moc"
