// Applies 300 generated migrations (a table, an index and a 10-row insert each) to a fresh
// database with the migration engine, and the same files piped through one psql session with
// BEGIN/COMMIT around each, in the same run. Target: no more than 1.5x psql.
// The engine does more per migration than psql: it reads and checksums every file, splits and
// parses it, takes the runner lock, and writes a history row in each migration's transaction.
#include "db/pgconnection.h"
#include "migrations/migrationrunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

namespace {
constexpr int Migrations = 300;
constexpr int Runs = 3;

QString conninfoFor(const QString &conninfo, const QString &database)
{
    return conninfo + QStringLiteral(" dbname=") + database;
}

void recreate(PgConnection &admin, const QString &database)
{
    admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));
    admin.execute(QStringLiteral("CREATE DATABASE %1").arg(database));
}

QByteArray migrationText(int n)
{
    QByteArray text = QStringLiteral("CREATE TABLE t_%1 (id int PRIMARY KEY, name text NOT NULL);\n"
                                     "CREATE INDEX t_%1_name ON t_%1 (name);\n"
                                     "INSERT INTO t_%1 (id, name) VALUES ")
                          .arg(n)
                          .toUtf8();
    for (int row = 1; row <= 10; ++row)
        text += QStringLiteral("%1(%2, 'row %2')").arg(row > 1 ? QStringLiteral(", ") : QString()).arg(row).toUtf8();
    return text + ";\n";
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (app.arguments().size() != 2) {
        err << "usage: bench_migrate CONNINFO (of the sandbox, without dbname)" << Qt::endl;
        return 2;
    }
    // The conninfo printed by `slipway-cli sandbox start` names dbname=postgres; a later dbname wins.
    const QString conninfo = app.arguments().at(1);
    PgConnection admin(conninfo);
    admin.open();

    QTemporaryDir folder;
    QByteArray piped;
    for (int n = 1; n <= Migrations; ++n) {
        const QByteArray text = migrationText(n);
        QFile file(QDir(folder.path()).filePath(QStringLiteral("V%1__create_t_%1.sql").arg(n, 3, 10, QLatin1Char('0'))));
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        file.write(text);
        piped += "BEGIN;\n" + text + "COMMIT;\n";
    }

    QList<double> engine;
    QList<double> psql;
    for (int run = 0; run < Runs; ++run) {
        recreate(admin, QStringLiteral("bench_migrate_engine"));
        QElapsedTimer timer;
        timer.start();
        {
            PgConnection connection(conninfoFor(conninfo, QStringLiteral("bench_migrate_engine")));
            connection.open();
            MigrationRunner runner(connection, folder.path());
            const MigrationRunResult result = runner.migrate();
            if (!result.ok() || result.done.size() != Migrations) {
                err << "engine run failed: " << result.message << Qt::endl;
                return 1;
            }
        }
        engine << timer.nsecsElapsed() / 1e9;

        recreate(admin, QStringLiteral("bench_migrate_psql"));
        timer.restart();
        QProcess process;
        process.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                                               QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"),
                                               conninfoFor(conninfo, QStringLiteral("bench_migrate_psql"))});
        process.write(piped);
        process.closeWriteChannel();
        if (!process.waitForFinished(600000) || process.exitCode() != 0) {
            err << "psql failed: " << process.readAllStandardError() << Qt::endl;
            return 1;
        }
        psql << timer.nsecsElapsed() / 1e9;
    }
    admin.execute(QStringLiteral("DROP DATABASE IF EXISTS bench_migrate_engine WITH (FORCE)"));
    admin.execute(QStringLiteral("DROP DATABASE IF EXISTS bench_migrate_psql WITH (FORCE)"));

    const double ours = median(engine);
    const double baseline = median(psql);
    out << QStringLiteral("bench_migrate: %1 migrations, median of %2 runs\n").arg(Migrations).arg(Runs)
        << QStringLiteral("  slipway migrate      %1 s\n").arg(ours, 0, 'f', 3)
        << QStringLiteral("  psql, one session    %1 s\n").arg(baseline, 0, 'f', 3)
        << QStringLiteral("  ratio %1x (target <= 1.5x)\n").arg(ours / baseline, 0, 'f', 2);
    return 0;
}
