#pragma once

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <atomic>
#include <functional>

class Connection;

// What a dump produced.
struct BackupResult
{
    bool ok = false;
    QString error;
    QString path;
    qint64 bytes = 0;
    qint64 elapsedMs = 0;
};

// What restoring a dump into an empty database showed.
struct RestoreVerification
{
    struct Difference
    {
        QString table;
        qint64 source = -1;   // -1: the table is missing there
        qint64 restored = -1;
    };

    bool ok = false;
    QString error;       // why it failed, when it failed before comparing
    int tocEntries = 0;  // pg_restore --list
    int tables = 0;      // tables compared
    qint64 rows = 0;     // rows in the source, all tables
    QList<Difference> differences;
    qint64 elapsedMs = 0;
};

// pg_dump / pg_restore as child processes: a custom-format dump with progress by bytes, its
// table of contents, and a full restore into an empty database whose exact per-table row counts
// must equal the source's ("backup verified"). Passwords go to the children through PGPASSWORD,
// never on a command line (which other users can read) or into messages. Blocks the calling
// thread; cancel is polled while a child runs.
class PgBackup
{
    Q_DECLARE_TR_FUNCTIONS(PgBackup)

public:
    using Progress = std::function<void(const QString &step, qint64 bytes)>;

    // binDir: where pg_dump and pg_restore are; empty finds the newest installed PostgreSQL.
    explicit PgBackup(QString binDir = {});

    // Writes to `outPath` only on success (a partial dump never takes the name).
    BackupResult dump(const QString &conninfo,
                      const QString &outPath,
                      const Progress &progress = {},
                      const std::atomic<bool> *cancel = nullptr);
    // pg_restore --list: false with *error when the file is not a readable custom-format dump.
    bool list(const QString &dumpPath, int *entries, QString *error, const std::atomic<bool> *cancel = nullptr);
    // Lists the dump, creates `database` in the server of `targetConninfo` (dropping an old one of
    // that name), restores into it and compares exact row counts with the source. Progress gets
    // the bytes of the dump pg_restore has read so far.
    RestoreVerification restoreAndCompare(const QString &dumpPath,
                                          const QString &sourceConninfo,
                                          const QString &targetConninfo,
                                          const QString &database,
                                          const Progress &progress = {},
                                          const std::atomic<bool> *cancel = nullptr);

    // Exact row counts of every user table ("schema.table"), partitions counted as themselves and
    // partitioned parents left out so nothing counts twice. One round trip.
    static QList<QPair<QString, qint64>> exactRowCounts(Connection &connection);

private:
    struct Run;
    // Runs a tool, calling whileRunning about five times a second. `inputFile` becomes the
    // child's standard input; whileRunning then gets how far the child has read it (-1 unknown).
    Run runTool(const QString &tool,
                const QStringList &arguments,
                const QString &conninfo,
                const std::function<void(qint64 inputOffset)> &whileRunning,
                const std::atomic<bool> *cancel,
                const QString &inputFile = {});
    QString m_binDir;
};
