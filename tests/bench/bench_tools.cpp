// The tools' history tables under load: for every MigrationTool, a folder in that tool's own
// layout is generated here (Flyway-style for Slipway and Flyway, golang-migrate's up/down pairs,
// dbmate's sections, Prisma's folders with migration_lock.toml, Drizzle's files with
// meta/_journal.json, Liquibase formatted SQL changelogs of ten changesets each, a Sqitch plan with
// deploy/revert/verify scripts), each migration a table, an index and a 10-row insert.
//   migrate: 300 migrations recorded in the tool's table, on a fresh database each run, against
//            the same statements piped into one psql session with BEGIN/COMMIT around each
//            migration, measured in the same run. Target: <= 1.5x psql.
//   status:  a 1,000-migration folder, all applied, read by a fresh MigrationRunner each time on
//            an open session (the folder read and parsed, every file checksummed, the history
//            table read and matched). Target: <= 0.2 s. The baseline is the floor of that work:
//            every file of the folder read and SHA-256-hashed, and `SELECT *` of the tool's
//            history table fetched whole on the same session.
// Then `slipway-cli status` of one 1,000-migration folder as a whole process (start-up, connect,
// printing the table included).
#include "db/conninfo.h"
#include "db/pgconnection.h"
#include "migrations/migrationrunner.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <functional>

namespace {

constexpr int Migrations = 300;
constexpr int StatusMigrations = 1000;
constexpr int MigrateRuns = 3;
constexpr int StatusRuns = 5;
constexpr double MigrateTarget = 1.5; // x psql
constexpr double StatusTarget = 0.2;  // seconds
constexpr int LiquibasePerFile = 10;  // changesets per changelog
const QString EngineDatabase = QStringLiteral("bench_tools_engine");
const QString PsqlDatabase = QStringLiteral("bench_tools_psql");
const QString StatusDatabase = QStringLiteral("bench_tools_status");

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

QString withDatabase(const QString &conninfo, const QString &database)
{
    ConnInfo info;
    QString error;
    if (!ConnInfo::parse(conninfo, &info, &error))
        return {};
    info.set(QStringLiteral("dbname"), database);
    return info.toString();
}

void recreate(PgConnection &admin, const QString &database)
{
    admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));
    admin.execute(QStringLiteral("CREATE DATABASE %1").arg(database));
}

// bench_migrate's migration: a table, an index on it and ten rows, one statement a line.
QStringList statements(int n)
{
    QString insert = QStringLiteral("INSERT INTO t_%1 (id, name) VALUES ").arg(n);
    for (int row = 1; row <= 10; ++row)
        insert += QStringLiteral("%1(%2, 'row %2')")
                      .arg(row > 1 ? QStringLiteral(", ") : QString())
                      .arg(row);
    return {QStringLiteral("CREATE TABLE t_%1 (id int PRIMARY KEY, name text NOT NULL);").arg(n),
            QStringLiteral("CREATE INDEX t_%1_name ON t_%1 (name);").arg(n),
            insert + QLatin1Char(';')};
}

QByteArray sql(int n)
{
    return (statements(n).join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// One layout: the tool whose table records the migrations, and how its folder is written. Every
// folder holds migrations 1..count, each with its rollback where the layout has one.
struct Layout
{
    MigrationTool tool;
    QString layout;                                     // as printed
    std::function<bool(const QString &, int)> generate; // into an empty directory
};

bool flywayStyle(const QString &dir, int count)
{
    for (int n = 1; n <= count; ++n) {
        if (!writeFile(QStringLiteral("%1/V%2__create_t_%2.sql").arg(dir).arg(n), sql(n)))
            return false;
    }
    return true;
}

bool golangMigrate(const QString &dir, int count)
{
    for (int n = 1; n <= count; ++n) {
        const QString base = QStringLiteral("%1/%2_create_t_%2").arg(dir).arg(n);
        if (!writeFile(base + QStringLiteral(".up.sql"), sql(n))
            || !writeFile(base + QStringLiteral(".down.sql"),
                          QStringLiteral("DROP TABLE t_%1;\n").arg(n).toUtf8()))
            return false;
    }
    return true;
}

// dbmate's versions are timestamps; these are 14 digits counting up from 2024-01-01.
QString timestamp(int n)
{
    return QStringLiteral("20240101%1").arg(n, 6, 10, QLatin1Char('0'));
}

bool dbmate(const QString &dir, int count)
{
    for (int n = 1; n <= count; ++n) {
        const QByteArray text = "-- migrate:up\n" + sql(n) + "\n-- migrate:down\n"
                                + QStringLiteral("DROP TABLE t_%1;\n").arg(n).toUtf8();
        if (!writeFile(QStringLiteral("%1/%2_create_t_%3.sql").arg(dir, timestamp(n)).arg(n), text))
            return false;
    }
    return true;
}

bool prisma(const QString &dir, int count)
{
    if (!writeFile(dir + QStringLiteral("/migration_lock.toml"),
                   "# Please do not edit this file manually\n"
                   "# It should be added in your version-control system (e.g., Git)\n"
                   "provider = \"postgresql\"\n"))
        return false;
    for (int n = 1; n <= count; ++n) {
        if (!writeFile(QStringLiteral("%1/%2_create_t_%3/migration.sql").arg(dir, timestamp(n)).arg(n),
                       "-- CreateTable\n" + sql(n)))
            return false;
    }
    return true;
}

// drizzle-kit's files: NNNN_tag.sql with its statement breakpoints, and the journal listing them.
bool drizzle(const QString &dir, int count)
{
    QByteArray journal = "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n"
                         "  \"entries\": [";
    for (int n = 1; n <= count; ++n) {
        const QString tag
            = QStringLiteral("%1_create_t_%2").arg(n - 1, 4, 10, QLatin1Char('0')).arg(n);
        const QByteArray text = (statements(n).join(QStringLiteral("--> statement-breakpoint\n"))
                                 + QLatin1Char('\n'))
                                    .toUtf8();
        if (!writeFile(QStringLiteral("%1/%2.sql").arg(dir, tag), text))
            return false;
        journal += QStringLiteral("%1\n    {\"idx\": %2, \"version\": \"7\", \"when\": %3, "
                                  "\"tag\": \"%4\", \"breakpoints\": true}")
                       .arg(n > 1 ? QStringLiteral(",") : QString())
                       .arg(n - 1)
                       .arg(1700000000000LL + qint64(n) * 1000)
                       .arg(tag)
                       .toUtf8();
    }
    return writeFile(dir + QStringLiteral("/meta/_journal.json"), journal + "\n  ]\n}\n");
}

bool liquibase(const QString &dir, int count)
{
    for (int first = 1; first <= count; first += LiquibasePerFile) {
        QByteArray text = "--liquibase formatted sql\n";
        for (int n = first; n < first + LiquibasePerFile && n <= count; ++n)
            text += QStringLiteral("\n--changeset bench:t_%1\n").arg(n).toUtf8() + sql(n)
                    + QStringLiteral("--rollback DROP TABLE t_%1;\n").arg(n).toUtf8();
        const QString name = QStringLiteral("%1/changelog-%2.sql")
                                 .arg(dir)
                                 .arg(first / LiquibasePerFile + 1, 4, 10, QLatin1Char('0'));
        if (!writeFile(name, text))
            return false;
    }
    return true;
}

// As `sqitch add` writes them: the deploy and revert scripts in a transaction of their own.
bool sqitch(const QString &dir, int count)
{
    QByteArray plan = "%syntax-version=1.0.0\n%project=bench\n\n";
    for (int n = 1; n <= count; ++n) {
        plan += QStringLiteral(
                    "t_%1 2024-01-01T00:00:00Z Bench <bench@example.com> # Creates t_%1\n")
                    .arg(n)
                    .toUtf8();
        const QByteArray name = QByteArray::number(n);
        if (!writeFile(QStringLiteral("%1/deploy/t_%2.sql").arg(dir).arg(n),
                       "-- Deploy bench:t_" + name + " to pg\n\nBEGIN;\n\n" + sql(n) + "\nCOMMIT;\n")
            || !writeFile(QStringLiteral("%1/revert/t_%2.sql").arg(dir).arg(n),
                          "-- Revert bench:t_" + name + " from pg\n\nBEGIN;\n\nDROP TABLE t_" + name
                              + ";\n\nCOMMIT;\n")
            || !writeFile(QStringLiteral("%1/verify/t_%2.sql").arg(dir).arg(n),
                          "-- Verify bench:t_" + name + " on pg\n\nSELECT id, name FROM t_" + name
                              + " WHERE false;\n"))
            return false;
    }
    return writeFile(dir + QStringLiteral("/sqitch.conf"), "[core]\n\tengine = pg\n")
           && writeFile(dir + QStringLiteral("/sqitch.plan"), plan);
}

QList<Layout> layouts()
{
    return {{MigrationTool::Slipway, QStringLiteral("V1__x.sql"), flywayStyle},
            {MigrationTool::Flyway, QStringLiteral("V1__x.sql"), flywayStyle},
            {MigrationTool::GolangMigrate, QStringLiteral("1_x.up/down.sql"), golangMigrate},
            {MigrationTool::Dbmate, QStringLiteral("migrate:up/down"), dbmate},
            {MigrationTool::Prisma, QStringLiteral("<ts>_x/migration.sql"), prisma},
            {MigrationTool::Drizzle, QStringLiteral("NNNN_x.sql+journal"), drizzle},
            {MigrationTool::Liquibase, QStringLiteral("changelogs, 10/file"), liquibase},
            {MigrationTool::Sqitch, QStringLiteral("sqitch.plan"), sqitch}};
}

// Every migration's statements with BEGIN/COMMIT around them, as one psql session reads them.
QByteArray piped(int count)
{
    QByteArray text;
    for (int n = 1; n <= count; ++n)
        text += "BEGIN;\n" + sql(n) + "COMMIT;\n";
    return text;
}

bool runPsql(const QString &conninfo, const QByteArray &input, QString *error)
{
    QProcess process;
    process.start(QStringLiteral("psql"),
                  {QStringLiteral("-X"),
                   QStringLiteral("-q"),
                   QStringLiteral("-v"),
                   QStringLiteral("ON_ERROR_STOP=1"),
                   QStringLiteral("-d"),
                   conninfo});
    process.write(input);
    process.closeWriteChannel();
    if (process.waitForFinished(600000) && process.exitStatus() == QProcess::NormalExit
        && process.exitCode() == 0)
        return true;
    *error = QString::fromLocal8Bit(process.readAllStandardError());
    return false;
}

MigrationRunResult migrateFolder(const QString &conninfo, const QString &dir, MigrationTool tool)
{
    PgConnection connection(conninfo);
    connection.open();
    MigrationRunOptions options;
    options.tool = tool;
    MigrationRunner runner(connection, dir, MigrationFolder::Dialect::Unknown, options);
    return runner.migrate();
}

// The floor of what status has to do: read and hash every file of the folder, and fetch the
// history table whole.
int baselineStatus(PgConnection &connection, const QString &dir, const QString &table)
{
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    QByteArray digest;
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            digest = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    }
    return connection.fetchAll(QStringLiteral("SELECT * FROM %1").arg(table)).rowCount()
           + int(digest.size() > 0);
}

QString cliPath()
{
    const QString set = qEnvironmentVariable("SLIPWAY_CLI");
    if (!set.isEmpty())
        return set;
    return QDir(QCoreApplication::applicationDirPath())
        .absoluteFilePath(QStringLiteral("../../app/cli/slipway-cli"));
}

struct Figures
{
    QString tool;
    QString layout;
    double migrate = 0;
    double psql = 0;
    double status = 0;
    double baseline = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() < 2) {
        err() << "usage: bench_tools CONNINFO [TOOL...] (the sandbox's; every tool by default)"
              << Qt::endl;
        return 2;
    }
    const QString conninfo = app.arguments().at(1);
    const QStringList only = app.arguments().mid(2); // to look at one tool at a time
    PgConnection admin(conninfo);
    admin.open();
    const QByteArray pipedMigrations = piped(Migrations);

    QTemporaryDir root;
    QList<Figures> figures;
    QString cliFolder; // the Flyway folder of 1,000, for the whole-process run
    for (const Layout &layout : layouts()) {
        if (!only.isEmpty() && !only.contains(MigrationTools::name(layout.tool)))
            continue;
        Figures row;
        row.tool = MigrationTools::name(layout.tool);
        row.layout = layout.layout;
        const QString small = root.filePath(row.tool + QStringLiteral("-300"));
        const QString large = root.filePath(row.tool + QStringLiteral("-1000"));
        if (!layout.generate(small, Migrations) || !layout.generate(large, StatusMigrations)) {
            err() << row.tool << ": could not write the folder under " << root.path() << Qt::endl;
            return 1;
        }

        // migrate: the engine and psql alternate, each on a fresh database.
        QList<double> engine;
        QList<double> psql;
        for (int run = 0; run < MigrateRuns; ++run) {
            recreate(admin, EngineDatabase);
            QElapsedTimer timer;
            timer.start();
            const MigrationRunResult result = migrateFolder(withDatabase(conninfo, EngineDatabase),
                                                            small,
                                                            layout.tool);
            engine << timer.nsecsElapsed() / 1e9;
            if (!result.ok() || result.done.size() != Migrations || result.tool != layout.tool) {
                err() << row.tool << ": migrate failed (" << result.done.size()
                      << " done): " << result.message << Qt::endl;
                return 1;
            }
            recreate(admin, PsqlDatabase);
            QString error;
            timer.restart();
            if (!runPsql(withDatabase(conninfo, PsqlDatabase), pipedMigrations, &error)) {
                err() << "psql failed: " << error << Qt::endl;
                return 1;
            }
            psql << timer.nsecsElapsed() / 1e9;
        }
        row.migrate = median(engine);
        row.psql = median(psql);

        // status: 1,000 applied once, then read by a fresh runner each time.
        recreate(admin, StatusDatabase);
        const QString statusConninfo = withDatabase(conninfo, StatusDatabase);
        const MigrationRunResult applied = migrateFolder(statusConninfo, large, layout.tool);
        if (!applied.ok() || applied.done.size() != StatusMigrations) {
            err() << row.tool << ": applying " << StatusMigrations << " failed: " << applied.message
                  << Qt::endl;
            return 1;
        }
        QList<double> status;
        QList<double> baseline;
        PgConnection connection(statusConninfo);
        connection.open();
        for (int run = 0; run < StatusRuns; ++run) {
            QElapsedTimer timer;
            timer.start();
            MigrationRunOptions options;
            options.tool = layout.tool;
            MigrationRunner runner(connection, large, MigrationFolder::Dialect::Unknown, options);
            const MigrationRunResult result = runner.status();
            status << timer.nsecsElapsed() / 1e9;
            const bool allApplied
                = result.ok() && result.status.size() == StatusMigrations
                  && std::all_of(result.status.cbegin(),
                                 result.status.cend(),
                                 [](const MigrationStatusEntry &entry) {
                                     return entry.state == MigrationStatusEntry::State::Applied;
                                 });
            if (!allApplied) {
                err() << row.tool << ": status does not show " << StatusMigrations
                      << " applied migrations: " << result.message << Qt::endl;
                return 1;
            }
            timer.restart();
            baselineStatus(connection, large, result.historyTable);
            baseline << timer.nsecsElapsed() / 1e9;
        }
        connection.close();
        row.status = median(status);
        row.baseline = median(baseline);
        if (layout.tool == MigrationTool::Flyway) {
            // Kept applied in a database of its own for the whole-process run below.
            admin.execute(QStringLiteral("DROP DATABASE IF EXISTS bench_tools_cli WITH (FORCE)"));
            admin.execute(
                QStringLiteral("ALTER DATABASE %1 RENAME TO bench_tools_cli").arg(StatusDatabase));
            cliFolder = large;
        }
        figures << row;
        out() << QStringLiteral("  %1: migrate %2 s (psql %3 s), status %4 s")
                     .arg(row.tool)
                     .arg(row.migrate, 0, 'f', 3)
                     .arg(row.psql, 0, 'f', 3)
                     .arg(row.status, 0, 'f', 3)
              << Qt::endl;
    }
    for (const QString &database : {EngineDatabase, PsqlDatabase, StatusDatabase})
        admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));

    // The whole process, as a user runs it: start-up, connecting, the run, the printed table.
    QList<double> cli;
    QString cliProblem;
    if (cliFolder.isEmpty()) {
        cliProblem = QStringLiteral("not measured: it runs on the Flyway folder");
    } else if (!QFileInfo(cliPath()).isExecutable()) {
        cliProblem = QStringLiteral("not measured: no %1 (set SLIPWAY_CLI)").arg(cliPath());
    } else {
        for (int run = 0; run < StatusRuns && cliProblem.isEmpty(); ++run) {
            QProcess process;
            QElapsedTimer timer;
            timer.start();
            process.start(cliPath(),
                          {QStringLiteral("status"),
                           QStringLiteral("--db"),
                           withDatabase(conninfo, QStringLiteral("bench_tools_cli")),
                           QStringLiteral("--dir"),
                           cliFolder,
                           QStringLiteral("--tool"),
                           QStringLiteral("flyway")});
            process.waitForFinished(120000);
            cli << timer.nsecsElapsed() / 1e9;
            if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
                cliProblem = QStringLiteral("failed: ")
                             + QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        }
    }
    admin.execute(QStringLiteral("DROP DATABASE IF EXISTS bench_tools_cli WITH (FORCE)"));

    out() << QStringLiteral("bench_tools: migrate %1 migrations (median of %2, fresh database "
                            "each) against one psql session with BEGIN/COMMIT per migration; "
                            "status of %3 applied (median of %4, fresh runner each) against "
                            "reading and hashing the folder's files plus SELECT * of the history "
                            "table\n")
                 .arg(Migrations)
                 .arg(MigrateRuns)
                 .arg(StatusMigrations)
                 .arg(StatusRuns);
    out() << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7 %8\n")
                 .arg(QStringLiteral("tool"), -15)
                 .arg(QStringLiteral("layout"), -21)
                 .arg(QStringLiteral("migrate s"), 10)
                 .arg(QStringLiteral("psql s"), 8)
                 .arg(QStringLiteral("ratio"), 6)
                 .arg(QStringLiteral("status s"), 9)
                 .arg(QStringLiteral("baseline s"), 11)
                 .arg(QStringLiteral("ratio"), 6);
    QStringList migrateMissed;
    QStringList statusMissed;
    for (const Figures &row : std::as_const(figures)) {
        out() << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7 %8\n")
                     .arg(row.tool, -15)
                     .arg(row.layout, -21)
                     .arg(row.migrate, 10, 'f', 3)
                     .arg(row.psql, 8, 'f', 3)
                     .arg(QStringLiteral("%1x").arg(row.migrate / row.psql, 0, 'f', 2), 6)
                     .arg(row.status, 9, 'f', 3)
                     .arg(row.baseline, 11, 'f', 3)
                     .arg(QStringLiteral("%1x").arg(row.status / row.baseline, 0, 'f', 1), 6);
        if (row.migrate / row.psql > MigrateTarget)
            migrateMissed << row.tool;
        if (row.status > StatusTarget)
            statusMissed << row.tool;
    }
    const auto verdict = [](const QStringList &missed) {
        return missed.isEmpty()
                   ? QStringLiteral("met by every tool")
                   : QStringLiteral("MISSED by %1").arg(missed.join(QStringLiteral(", ")));
    };
    out() << QStringLiteral("  targets: migrate <= %1x psql %2; status <= %3 s %4\n")
                 .arg(MigrateTarget, 0, 'f', 1)
                 .arg(verdict(migrateMissed))
                 .arg(StatusTarget, 0, 'f', 1)
                 .arg(verdict(statusMissed));
    if (cliProblem.isEmpty())
        out() << QStringLiteral("  slipway-cli status --tool flyway, %1 migrations, whole process "
                                "(median of %2): %3 s\n")
                     .arg(StatusMigrations)
                     .arg(StatusRuns)
                     .arg(median(cli), 0, 'f', 3);
    else
        out() << QStringLiteral("  slipway-cli status: %1\n").arg(cliProblem);
    out().flush();
    // A missed target is a figure to read, not a failure: scripts/bench runs the rest after it.
    return 0;
}
