// The schema browser on a large catalog: 10 schemas x 1,000 tables (10 columns, a primary key
// and one more index each), built once in database slipway_bench_catalog of the sandbox given on
// the command line. Measures, through ConnectionWorker and SchemaTreeModel as the window uses
// them: the first tree level, expanding one 1,000-table schema, the full model, and peak RSS;
// and the same catalog queries run by psql in the same run as the baseline.
// Targets: first level <= 0.3 s, expand <= 0.2 s, full model <= 1.5x psql, peak RSS <= 200 MB.
#include "db/connectionworker.h"
#include "db/conninfo.h"
#include "db/pgconnection.h"
#include "schema/pgcatalogqueries.h"
#include "schema/schematreemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>
#include <functional>

namespace {

constexpr int Schemas = 10;
constexpr int TablesPerSchema = 1000;
constexpr int Runs = 3;
const QString Database = QStringLiteral("slipway_bench_catalog");

QTextStream &out()
{
    static QTextStream stream(stdout);
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

// Builds the catalog unless a complete one is there; chunks of 250 tables per transaction keep
// the lock table (max_locks_per_transaction) from overflowing.
bool ensureCatalog(const QString &admin)
{
    PgConnection server(admin);
    server.open();
    if (server
            .fetchAll(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = '%1'").arg(Database))
            .rowCount()
        == 0)
        server.execute(QStringLiteral("CREATE DATABASE %1").arg(Database));
    PgConnection db(withDatabase(admin, Database));
    db.open();
    if (db.fetchAll(QStringLiteral("SELECT 1 FROM pg_namespace WHERE nspname = 'bench_complete'"))
            .rowCount()
        == 1)
        return true;
    out() << "building " << Schemas << " x " << TablesPerSchema << " tables (once)..." << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    for (int s = 1; s <= Schemas; ++s) {
        const QString schema = QStringLiteral("bench_%1").arg(s, 2, 10, QLatin1Char('0'));
        db.execute(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE; CREATE SCHEMA %1").arg(schema));
        for (int first = 1; first <= TablesPerSchema; first += 250) {
            db.execute(
                QStringLiteral(
                    "DO $$ BEGIN FOR t IN %2..%3 LOOP EXECUTE format("
                    "'CREATE TABLE %1.t_%s (id integer PRIMARY KEY, c1 integer, c2 text, c3 bigint,"
                    " c4 numeric(12,2), c5 timestamptz, c6 boolean, c7 varchar(40), c8 integer, c9 "
                    "date);"
                    " CREATE INDEX ON %1.t_%s (c1)', lpad(t::text, 4, '0'), lpad(t::text, 4, '0'));"
                    " END LOOP; END $$")
                    .arg(schema)
                    .arg(first)
                    .arg(first + 249));
        }
    }
    // On its own: inside a multi-statement string ANALYZE would lock every table at once.
    db.execute(QStringLiteral("ANALYZE"));
    db.execute(QStringLiteral("CREATE SCHEMA bench_complete"));
    out() << "built in " << timer.elapsed() / 1000.0 << " s" << Qt::endl;
    return true;
}

// Runs `start` and waits in an event loop (as the window does, without spinning) until the
// model is idle again.
double timed(SchemaTreeModel &model, const std::function<void()> &start)
{
    QEventLoop loop;
    QObject::connect(&model, &SchemaTreeModel::loadingChanged, &loop, [&loop](bool loading) {
        if (!loading)
            loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    start();
    if (model.isLoading())
        loop.exec();
    return timer.nsecsElapsed() / 1e9;
}

double psqlRun(const QString &conninfo, const QString &scriptPath)
{
    QProcess psql;
    psql.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"),
                QStringLiteral("-q"),
                QStringLiteral("-A"),
                QStringLiteral("-t"),
                QStringLiteral("-v"),
                QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-d"),
                conninfo,
                QStringLiteral("-f"),
                scriptPath});
    if (!psql.waitForFinished(300000) || psql.exitCode() != 0) {
        QTextStream(stderr) << "psql failed: " << psql.readAllStandardError() << Qt::endl;
        return -1;
    }
    return timer.nsecsElapsed() / 1e9;
}

qint64 peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // KiB on Linux
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: bench_catalog CONNINFO (of the sandbox)" << Qt::endl;
        return 2;
    }
    const QString admin = withDatabase(QString::fromLocal8Bit(argv[1]), QStringLiteral("postgres"));
    if (admin.isEmpty()) {
        QTextStream(stderr) << "not a conninfo: " << argv[1] << Qt::endl;
        return 2;
    }
    try {
        ensureCatalog(admin);
    } catch (const DbException &e) {
        QTextStream(stderr) << e.error().toDisplayString() << Qt::endl;
        return 1;
    }
    const QString conninfo = withDatabase(admin, Database);
    ConnectionWorker worker(std::make_unique<PgConnection>(conninfo));
    QSignalSpy opened(&worker, &ConnectionWorker::opened);
    worker.open();
    if (!opened.wait(10000)) {
        QTextStream(stderr) << "could not connect to " << conninfo << Qt::endl;
        return 1;
    }

    QList<double> firstLevel, expand, full;
    qsizetype nodes = 0;
    for (int run = 0; run < Runs; ++run) {
        SchemaTreeModel model;
        firstLevel << timed(model, [&] { model.setConnection(&worker); });
        const QModelIndex schema = model.find({},
                                              SchemaNode::Kind::Schema,
                                              QStringLiteral("bench_05"));
        if (!schema.isValid()) {
            QTextStream(stderr) << "schema bench_05 missing" << Qt::endl;
            return 1;
        }
        expand << timed(model, [&] { model.fetchMore(schema); });
        const QModelIndex tables = model.find(schema,
                                              SchemaNode::Kind::Folder,
                                              QStringLiteral("Tables"));
        if (model.rowCount(tables) != TablesPerSchema) {
            QTextStream(stderr) << "expected " << TablesPerSchema << " tables, got "
                                << model.rowCount(tables) << Qt::endl;
            return 1;
        }
        full << timed(model, [&] { model.loadAll(); });
        nodes = model.rootNode()->subtreeSize();
    }

    // The baseline: psql sends the very queries of the full read, in the same snapshot
    // settings, and discards the rows; its connection start-up is measured apart and removed.
    const QStringList queries = PgCatalogQueries(worker.serverInfo().versionNumber)
                                    .everything(CatalogScope::everything());
    QTemporaryFile script;
    QTemporaryFile empty;
    if (!script.open() || !empty.open())
        return 1;
    script.write(
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\nSET LOCAL search_path = pg_catalog;\n"
        "SET LOCAL jit = off;\n");
    for (const QString &query : queries)
        script.write(query.toUtf8() + ";\n");
    script.write("ROLLBACK;\n");
    script.flush();
    empty.write("SELECT 1;\n");
    empty.flush();
    QList<double> psql, connect;
    for (int run = 0; run < Runs; ++run) {
        psql << psqlRun(conninfo, script.fileName());
        connect << psqlRun(conninfo, empty.fileName());
    }
    if (*std::min_element(psql.cbegin(), psql.cend()) < 0)
        return 1;
    const double baseline = median(psql) - median(connect);

    out() << Qt::fixed;
    out().setRealNumberPrecision(3);
    out() << "catalog: " << Schemas << " schemas x " << TablesPerSchema << " tables, " << nodes
          << " tree nodes\n";
    out() << "first tree level:        " << median(firstLevel) << " s (target <= 0.3 s)\n";
    out() << "expand 1,000-table schema: " << median(expand) << " s (target <= 0.2 s)\n";
    out() << "full model:              " << median(full) << " s\n";
    out() << "psql, same queries:      " << baseline << " s (" << median(psql) << " s minus "
          << median(connect) << " s connection start-up)\n";
    out() << "full model / psql:       " << median(full) / baseline << " (target <= 1.5)\n";
    out() << "peak RSS:                " << peakRssMiB() << " MiB (target <= 200 MiB)\n";
    out().flush();
    return 0;
}
