#include "pgbackup.h"

#include "db/conninfo.h"
#include "db/localcluster.h"
#include "db/pgconnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>

struct PgBackup::Run
{
    bool started = false;
    bool cancelled = false;
    int exitCode = -1;
    QString output; // stderr and stdout, for messages
    QByteArray stdOut;
};

namespace {

// How far a child has read its standard input: the file position Linux shows in
// /proc/PID/fdinfo/0 ("pos:\t12345"). -1 where there is no such file.
qint64 readOffset(qint64 pid)
{
    QFile info(QStringLiteral("/proc/%1/fdinfo/0").arg(pid));
    if (pid <= 0 || !info.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray first = info.readLine();
    if (!first.startsWith("pos:"))
        return -1;
    bool ok = false;
    const qint64 position = first.mid(4).trimmed().toLongLong(&ok);
    return ok ? position : -1;
}

} // namespace

PgBackup::PgBackup(QString binDir)
    : m_binDir(std::move(binDir))
{}

PgBackup::Run PgBackup::runTool(const QString &tool,
                                const QStringList &arguments,
                                const QString &conninfo,
                                const std::function<void(qint64 inputOffset)> &whileRunning,
                                const std::atomic<bool> *cancel,
                                const QString &inputFile)
{
    Run run;
    if (m_binDir.isEmpty()) {
        try {
            m_binDir = LocalCluster::findBinDir();
        } catch (const LocalCluster::Error &e) {
            run.output = e.message();
            return run;
        }
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QStringList args = arguments;
    if (!conninfo.isNull()) {
        ConnInfo parsed;
        QString error;
        if (!ConnInfo::parse(conninfo, &parsed, &error)) {
            run.output = error;
            return run;
        }
        if (parsed.contains(QStringLiteral("password"))) {
            environment.insert(QStringLiteral("PGPASSWORD"), parsed.value(QStringLiteral("password")));
            parsed.remove(QStringLiteral("password"));
        }
        args << QStringLiteral("--dbname=%1").arg(parsed.toString());
    }
    process.setProcessEnvironment(environment);
    if (!inputFile.isEmpty())
        process.setStandardInputFile(inputFile);
    process.start(QDir(m_binDir).filePath(tool), args);
    if (!process.waitForStarted(10000)) {
        run.output = tr("could not start %1: %2").arg(QDir(m_binDir).filePath(tool), process.errorString());
        return run;
    }
    run.started = true;
    if (inputFile.isEmpty())
        process.closeWriteChannel();
    while (!process.waitForFinished(200)) {
        run.stdOut += process.readAllStandardOutput();
        if (whileRunning)
            whileRunning(inputFile.isEmpty() ? -1 : readOffset(process.processId()));
        if (cancel && cancel->load()) {
            process.kill();
            process.waitForFinished(5000);
            run.cancelled = true;
            run.output = tr("cancelled");
            return run;
        }
    }
    run.stdOut += process.readAllStandardOutput();
    run.output = QString::fromUtf8(process.readAllStandardError()).trimmed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    return run;
}

BackupResult PgBackup::dump(const QString &conninfo,
                            const QString &outPath,
                            const Progress &progress,
                            const std::atomic<bool> *cancel)
{
    BackupResult result;
    result.path = outPath;
    QElapsedTimer timer;
    timer.start();
    const QString partial = outPath + QStringLiteral(".partial");
    QFile::remove(partial);
    const Run run = runTool(QStringLiteral("pg_dump"),
                            {QStringLiteral("--format=custom"), QStringLiteral("--no-password"),
                             QStringLiteral("--file=%1").arg(partial)},
                            conninfo,
                            [&](qint64) {
                                if (progress)
                                    progress(tr("Dumping"), QFileInfo(partial).size());
                            },
                            cancel);
    result.elapsedMs = timer.elapsed();
    if (run.exitCode != 0) {
        QFile::remove(partial);
        result.error = run.cancelled ? tr("The backup was cancelled; no file was written.")
                                     : tr("pg_dump failed: %1").arg(run.output);
        return result;
    }
    QFile::remove(outPath);
    if (!QFile::rename(partial, outPath)) {
        result.error = tr("could not move the dump to %1").arg(QDir::toNativeSeparators(outPath));
        return result;
    }
    result.bytes = QFileInfo(outPath).size();
    if (progress)
        progress(tr("Dumped"), result.bytes);
    result.ok = true;
    return result;
}

bool PgBackup::list(const QString &dumpPath, int *entries, QString *error, const std::atomic<bool> *cancel)
{
    if (!QFileInfo::exists(dumpPath)) {
        *error = tr("%1: no such file").arg(QDir::toNativeSeparators(dumpPath));
        return false;
    }
    const Run run = runTool(QStringLiteral("pg_restore"), {QStringLiteral("--list"), dumpPath}, QString(), {}, cancel);
    if (run.exitCode != 0) {
        *error = tr("%1 is not a readable custom-format dump: %2")
                     .arg(QDir::toNativeSeparators(dumpPath), run.output.isEmpty() ? tr("pg_restore --list failed") : run.output);
        return false;
    }
    *entries = 0;
    for (const QByteArray &line : run.stdOut.split('\n')) {
        if (!line.isEmpty() && !line.startsWith(';'))
            ++*entries;
    }
    return true;
}

RestoreVerification PgBackup::restoreAndCompare(const QString &dumpPath,
                                                const QString &sourceConninfo,
                                                const QString &targetConninfo,
                                                const QString &database,
                                                const Progress &progress,
                                                const std::atomic<bool> *cancel)
{
    RestoreVerification verification;
    QElapsedTimer timer;
    timer.start();
    if (!list(dumpPath, &verification.tocEntries, &verification.error, cancel))
        return verification;
    try {
        ConnInfo target;
        QString error;
        if (!ConnInfo::parse(targetConninfo, &target, &error)) {
            verification.error = error;
            return verification;
        }
        {
            PgConnection admin(targetConninfo);
            admin.open();
            const QString quoted = QLatin1Char('"') + QString(database).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
            admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(quoted));
            admin.execute(QStringLiteral("CREATE DATABASE %1").arg(quoted));
        }
        target.set(QStringLiteral("dbname"), database);
        if (progress)
            progress(tr("Restoring"), 0);
        // Owners and grants name roles the rehearsal server may not have; the data is what counts.
        // The dump comes in on standard input (still a seekable file), so how far pg_restore has
        // read it is its progress.
        const Run run = runTool(QStringLiteral("pg_restore"),
                                {QStringLiteral("--no-owner"), QStringLiteral("--no-acl"), QStringLiteral("--exit-on-error"),
                                 QStringLiteral("--no-password")},
                                target.toString(),
                                [&](qint64 offset) {
                                    if (progress && offset >= 0)
                                        progress(tr("Restoring"), offset);
                                },
                                cancel, dumpPath);
        if (run.exitCode != 0) {
            verification.error = run.cancelled ? tr("The restore was cancelled.")
                                               : tr("pg_restore failed: %1").arg(run.output);
            return verification;
        }
        if (progress)
            progress(tr("Counting rows"), QFileInfo(dumpPath).size());
        PgConnection source(sourceConninfo);
        source.open();
        PgConnection restored(target.toString());
        restored.open();
        const QList<QPair<QString, qint64>> sourceCounts = exactRowCounts(source);
        QHash<QString, qint64> restoredCounts;
        for (const auto &count : exactRowCounts(restored))
            restoredCounts.insert(count.first, count.second);
        for (const auto &count : sourceCounts) {
            ++verification.tables;
            verification.rows += count.second;
            const bool present = restoredCounts.contains(count.first);
            const qint64 other = present ? restoredCounts.take(count.first) : -1;
            if (other != count.second)
                verification.differences.append({count.first, count.second, other});
        }
        for (auto it = restoredCounts.cbegin(); it != restoredCounts.cend(); ++it)
            verification.differences.append({it.key(), -1, it.value()});
        verification.ok = verification.differences.isEmpty();
        if (!verification.ok)
            verification.error = tr("%n table(s) differ between the source and the restored copy.", nullptr,
                                    int(verification.differences.size()));
    } catch (const DbException &e) {
        verification.error = e.error().toDisplayString();
    }
    verification.elapsedMs = timer.elapsed();
    return verification;
}

QList<QPair<QString, qint64>> PgBackup::exactRowCounts(Connection &connection)
{
    // query_to_xml runs one count(*) per table inside a single statement: exact counts, one trip.
    const RowBatch rows = connection.fetchAll(QStringLiteral(
        "SELECT format('%I.%I', n.nspname, c.relname),\n"
        "       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname),\n"
        "                                             false, true, '')))[1]::text::bigint\n"
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
        "WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')\n"
        "  AND n.nspname NOT LIKE 'pg\\_%'\n"
        "ORDER BY 1"));
    QList<QPair<QString, qint64>> counts;
    for (int r = 0; r < rows.rowCount(); ++r)
        counts.append({rows.text(r, 0), rows.text(r, 1).toLongLong()});
    return counts;
}
