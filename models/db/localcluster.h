#pragma once

#include <QCoreApplication>
#include <QString>

#include <stdexcept>

// A throwaway PostgreSQL server ("sandbox") living entirely in one directory:
//   DIR/data        the cluster (initdb)
//   DIR/run         private Unix socket directory
//   DIR/server.log  the server log, quoted in error messages
//   DIR/sandbox.ini port and binary directory of the running server
//   DIR/sandbox.lock held while starting or stopping, so two processes do not race
// All calls block on child processes (initdb, pg_ctl): use it from slipway-cli, tests or a worker
// thread, never from the GUI thread. As root, initdb and pg_ctl run through `runuser -u postgres`
// and the directory is handed to that user. Several sandboxes may run at once (one per directory).
class LocalCluster
{
    Q_DECLARE_TR_FUNCTIONS(LocalCluster)

public:
    enum class State { Absent, Stopped, Running, Stale };

    class Error : public std::runtime_error
    {
    public:
        explicit Error(const QString &message);
        QString message() const { return QString::fromStdString(what()); }
    };

    explicit LocalCluster(QString directory);

    // Forces the directory holding initdb/pg_ctl/postgres instead of searching for it.
    void setBinDir(const QString &binDir) { m_binDir = binDir; }
    // pg_config --bindir first, then the newest /usr/lib/postgresql/*/bin. Throws Error naming the
    // Debian package to install when nothing is found.
    static QString findBinDir();

    // initdb when needed, then start on a free port and wait until it accepts connections.
    // Already running: nothing to do. Stale (server died, pid file left): cleaned up and restarted.
    void start();
    void stop(); // fast shutdown; no-op when not running
    // Stop, then delete the directory; refuses (Error) when it holds files a sandbox does not
    // make, so a mistyped directory is never wiped.
    void remove();
    // Cheap (reads files, no child process). Stale: postmaster.pid left by a server that died
    // (kill -9, power loss); start() recovers it.
    State state() const;

    QString directory() const { return m_directory; }
    QString dataDirectory() const;
    QString socketDirectory() const;
    QString logFile() const;
    int port() const; // of the running server, else from sandbox.ini; 0 when never started
    // "host=DIR/run port=N user=postgres dbname=DATABASE"
    QString conninfo(const QString &database = QStringLiteral("postgres")) const;
    QString serverLogTail(int lines = 20) const;

private:
    QString settingsFile() const;
    QString resolveBinDir() const;
    void checkSocketPathLength() const;
    void prepareDirectories() const;
    void checkServerCanReach() const;
    void initialise(const QString &binDir) const;
    void clearLeftovers() const;
    int launch(const QString &binDir) const;
    void stopBySignal() const;
    bool looksLikeSandbox() const;

    QString m_directory;
    QString m_binDir;
};
