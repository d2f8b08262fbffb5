#include "sandboxcommand.h"

#include "db/demodatabase.h"
#include "db/localcluster.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Keywords, not prose: scripts compare them, so they are never translated.
QString stateKeyword(LocalCluster::State state)
{
    switch (state) {
    case LocalCluster::State::Absent:
        return QStringLiteral("absent");
    case LocalCluster::State::Stopped:
        return QStringLiteral("stopped");
    case LocalCluster::State::Running:
        return QStringLiteral("running");
    case LocalCluster::State::Stale:
        return QStringLiteral("stale");
    }
    return {};
}

const QStringList Actions = {QStringLiteral("start"),
                             QStringLiteral("status"),
                             QStringLiteral("stop"),
                             QStringLiteral("remove")};

} // namespace

QString SandboxCommand::summary() const
{
    return tr("start, stop or inspect a private PostgreSQL server (--dir DIR) [--demo]");
}

QString SandboxCommand::usage() const
{
    return tr("Usage: slipway-cli sandbox <start|status|stop|remove> --dir DIR [--demo] [--json]\n"
              "\n"
              "  start    create the cluster when needed and start it; the last line printed\n"
              "           is the conninfo to connect with\n"
              "  status   print running, stopped, stale or absent; exit 0 only when running\n"
              "  stop     shut the server down; nothing to do when it is not running\n"
              "  remove   stop the server and delete DIR\n"
              "\n"
              "  --dir DIR  the sandbox directory (created by start)\n"
              "  --demo     start: also create and load the %1 database\n"
              "  --json     print one JSON object instead of text\n")
        .arg(DemoDatabase::databaseName());
}

int SandboxCommand::run(const QStringList &arguments)
{
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        m_out << usage();
        return Ok;
    }
    Options options;
    if (const int code = parse(arguments, &options); code != Ok) {
        m_err << usage();
        return code;
    }

    LocalCluster cluster(options.directory);
    try {
        if (options.action == QLatin1String("start"))
            return start(cluster, options);
        if (options.action == QLatin1String("status"))
            return status(cluster, options);
        if (options.action == QLatin1String("stop"))
            return stop(cluster, options);
        return remove(cluster, options);
    } catch (const LocalCluster::Error &e) {
        return failure(e.message());
    } catch (const DemoDatabase::Error &e) {
        return failure(e.message());
    }
}

int SandboxCommand::parse(const QStringList &arguments, Options *options)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--dir")) {
            if (i + 1 >= arguments.size())
                return usageError(tr("--dir needs a directory"));
            options->directory = arguments.at(++i);
        } else if (argument.startsWith(QLatin1String("--dir="))) {
            options->directory = argument.mid(6);
        } else if (argument == QLatin1String("--demo")) {
            options->demo = true;
        } else if (argument == QLatin1String("--json")) {
            options->json = true;
        } else if (argument.startsWith(u'-')) {
            return usageError(tr("unknown option %1").arg(argument));
        } else if (options->action.isEmpty()) {
            options->action = argument;
        } else {
            return usageError(tr("unexpected argument %1").arg(argument));
        }
    }
    if (options->action.isEmpty())
        return usageError(tr("missing action (start, status, stop or remove)"));
    if (!Actions.contains(options->action))
        return usageError(tr("unknown action %1").arg(options->action));
    if (options->directory.isEmpty())
        return usageError(tr("--dir DIR is required"));
    if (options->demo && options->action != QLatin1String("start"))
        return usageError(tr("--demo only goes with start"));
    return Ok;
}

int SandboxCommand::start(LocalCluster &cluster, const Options &options)
{
    const auto progress = [this, &options](const QString &line) {
        if (!options.json)
            m_out << line << Qt::endl; // flushed: the demo load can take a while
    };
    switch (cluster.state()) {
    case LocalCluster::State::Absent:
        progress(tr("Initialising a new cluster in %1").arg(cluster.directory()));
        break;
    case LocalCluster::State::Stale:
        progress(tr("The server in %1 was not shut down cleanly; starting it again")
                     .arg(cluster.directory()));
        break;
    case LocalCluster::State::Stopped:
        progress(tr("Starting the server in %1").arg(cluster.directory()));
        break;
    case LocalCluster::State::Running:
        progress(tr("The server in %1 is already running").arg(cluster.directory()));
        break;
    }
    cluster.start();
    progress(tr("Server running on port %1").arg(cluster.port()));

    const QString conninfo = options.demo ? DemoDatabase::ensure(cluster, progress)
                                          : cluster.conninfo();
    if (options.json)
        printJson(cluster, conninfo);
    else
        m_out << conninfo << Qt::endl;
    return Ok;
}

int SandboxCommand::status(const LocalCluster &cluster, const Options &options)
{
    const LocalCluster::State state = cluster.state();
    const bool running = state == LocalCluster::State::Running;
    if (options.json) {
        printJson(cluster, running ? cluster.conninfo() : QString());
    } else {
        m_out << stateKeyword(state) << Qt::endl;
        if (running)
            m_out << cluster.conninfo() << Qt::endl;
    }
    return running ? Ok : Failure;
}

int SandboxCommand::stop(LocalCluster &cluster, const Options &options)
{
    const LocalCluster::State before = cluster.state();
    cluster.stop();
    if (options.json) {
        printJson(cluster, QString());
        return Ok;
    }
    switch (before) {
    case LocalCluster::State::Absent:
        m_out << tr("There is no sandbox in %1; nothing to stop.").arg(cluster.directory());
        break;
    case LocalCluster::State::Stopped:
        m_out << tr("The server in %1 is not running.").arg(cluster.directory());
        break;
    case LocalCluster::State::Stale:
        m_out << tr("The server in %1 is not running (it was not shut down cleanly).")
                     .arg(cluster.directory());
        break;
    case LocalCluster::State::Running:
        m_out << tr("Stopped the server in %1.").arg(cluster.directory());
        break;
    }
    m_out << Qt::endl;
    return Ok;
}

int SandboxCommand::remove(LocalCluster &cluster, const Options &options)
{
    cluster.remove();
    if (options.json)
        printJson(cluster, QString());
    else
        m_out << tr("Removed %1.").arg(cluster.directory()) << Qt::endl;
    return Ok;
}

void SandboxCommand::printJson(const LocalCluster &cluster, const QString &conninfo)
{
    QJsonObject object{{QStringLiteral("directory"), cluster.directory()},
                       {QStringLiteral("state"), stateKeyword(cluster.state())}};
    if (!conninfo.isEmpty()) {
        object.insert(QStringLiteral("port"), cluster.port());
        object.insert(QStringLiteral("conninfo"), conninfo);
    }
    m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
}
