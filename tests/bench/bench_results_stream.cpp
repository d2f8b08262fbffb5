// Streams 1,000,000 generate_series rows through ConnectionWorker into ResultTableModel, the path
// the SQL console uses, and compares the wall time with psql printing the same query to
// /dev/null, measured in the same run. Target: no more than 2x psql.
#include "db/connectionworker.h"
#include "db/pgconnection.h"
#include "db/resulttablemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTextStream>

#include <algorithm>

namespace {
const QString Query = QStringLiteral("SELECT g, 'row ' || g AS label FROM generate_series(1, 1000000) g");
constexpr int Runs = 5;

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

double slipwayRun(ConnectionWorker &worker, qint64 *rows, qint64 *bytes, qint64 *rssKiB)
{
    ResultTableModel model;
    quint64 id = 0;
    QEventLoop loop;
    QObject context;
    QObject::connect(&worker, &ConnectionWorker::columnsReady, &context,
                     [&](quint64 r, const QList<ColumnInfo> &c) { if (r == id) model.setColumns(c); });
    QObject::connect(&worker, &ConnectionWorker::rowsReady, &context,
                     [&](quint64 r, const RowBatch &b) { if (r == id) model.appendRows(b); });
    QObject::connect(&worker, &ConnectionWorker::queryFinished, &context, [&](quint64 r) { if (r == id) loop.quit(); });
    QObject::connect(&worker, &ConnectionWorker::queryFailed, &context, [&](quint64, const DbError &e) {
        QTextStream(stderr) << e.toDisplayString() << Qt::endl;
        loop.exit(1);
    });
    QElapsedTimer timer;
    timer.start();
    id = worker.runQuery(Query, 10000);
    if (loop.exec() != 0)
        return -1;
    const double seconds = timer.nsecsElapsed() / 1e9;
    *rows = model.rowCount();
    *bytes = model.byteSize();
    *rssKiB = residentKiB(); // while the million rows are still held
    return seconds;
}

double psqlRun(const QString &conninfo)
{
    QProcess psql;
    psql.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    psql.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), conninfo,
                                        QStringLiteral("-c"), Query});
    if (!psql.waitForFinished(120000) || psql.exitCode() != 0)
        return -1;
    return timer.nsecsElapsed() / 1e9;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (app.arguments().size() != 2) {
        QTextStream(stderr) << "usage: bench_results_stream CONNINFO" << Qt::endl;
        return 2;
    }
    const QString conninfo = app.arguments().at(1);
    ConnectionWorker worker(std::make_unique<PgConnection>(conninfo));
    QEventLoop opening;
    bool opened = false;
    QObject::connect(&worker, &ConnectionWorker::opened, &opening, [&] { opened = true; opening.quit(); });
    QObject::connect(&worker, &ConnectionWorker::openFailed, &opening, [&](const DbError &e) {
        QTextStream(stderr) << e.toDisplayString() << Qt::endl;
        opening.quit();
    });
    worker.open();
    opening.exec();
    if (!opened)
        return 1;

    QList<double> ours;
    QList<double> theirs;
    qint64 rows = 0;
    qint64 bytes = 0;
    qint64 peakRss = 0;
    for (int i = 0; i < Runs; ++i) {
        const double psql = psqlRun(conninfo);
        qint64 rss = 0;
        const double slipway = slipwayRun(worker, &rows, &bytes, &rss);
        if (psql < 0 || slipway < 0) {
            QTextStream(stderr) << "benchmark run failed" << Qt::endl;
            return 1;
        }
        peakRss = std::max(peakRss, rss);
        theirs << psql;
        ours << slipway;
    }
    const double ourMedian = median(ours);
    const double psqlMedian = median(theirs);
    out << "results stream: " << rows << " rows x 2 columns, median of " << Runs << " runs\n";
    out << QStringLiteral("  slipway (worker -> ResultTableModel): %1 s, %2 rows/s, model %3 MiB, peak RSS %4 MiB\n")
               .arg(ourMedian, 0, 'f', 3)
               .arg(qint64(rows / ourMedian))
               .arg(bytes / 1048576.0, 0, 'f', 1)
               .arg(peakRss / 1024.0, 0, 'f', 1);
    out << QStringLiteral("  psql -c ... > /dev/null (baseline):  %1 s, %2 rows/s\n")
               .arg(psqlMedian, 0, 'f', 3)
               .arg(qint64(rows / psqlMedian));
    out << QStringLiteral("  ratio slipway/psql: %1x (target <= 2.0x)\n").arg(ourMedian / psqlMedian, 0, 'f', 2);
    return 0;
}
