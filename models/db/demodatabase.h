#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <stdexcept>

class LocalCluster;

// The "slipway_demo" database: a web shop (schema shop) that the demo, the screenshots and the
// GUI tests browse. Its script is compiled in as :/demo/demo.sql. Blocks on the network and, the
// first time, on loading a few million rows: call it from slipway-cli or a worker thread.
class DemoDatabase
{
    Q_DECLARE_TR_FUNCTIONS(DemoDatabase)

public:
    class Error : public std::runtime_error
    {
    public:
        explicit Error(const QString &message);
        QString message() const { return QString::fromStdString(what()); }
    };

    // One line per step ("Creating database slipway_demo"), for a terminal or a progress label.
    using Progress = std::function<void(const QString &)>;

    static QString databaseName() { return QStringLiteral("slipway_demo"); }

    // Creates the database in the running cluster and loads the script, unless schema shop is
    // already there. Returns the conninfo of slipway_demo. Throws Error. Safe to call from several
    // processes at once: they take turns under setupLockKey(), and the later ones find the
    // database loaded (after waiting, with a progress line, for the one loading it).
    static QString ensure(const LocalCluster &cluster, const Progress &progress = {});

    // The session-level advisory lock (in the maintenance database "postgres") that ensure()
    // holds while it checks, creates and loads.
    static qint64 setupLockKey();
};
