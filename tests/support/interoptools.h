#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// The third-party migration tools of the interop suites, installed (once, into a cache folder)
// and found by scripts/interop-tools.
namespace InteropTools {
// The runnable path of `name` ("dbmate", "drizzle", …); empty with *error saying why not.
QString locate(const QString &name, QString *error);

struct Run
{
    int exitCode = -1; // -1: did not finish in time; -2: crashed
    QString output;    // stdout and stderr together, as a user reads them
};
// Runs a tool to its end (a minute at most) with extra environment variables.
Run run(const QString &program,
        const QStringList &arguments,
        const QHash<QString, QString> &environment = {});

// libpq's own variables (PGHOST, PGPORT, PGUSER, PGDATABASE) for a "key=value …" conninfo:
// how tools without a conninfo parser reach the sandbox's socket.
QHash<QString, QString> libpqEnvironment(const QString &conninfo);

// slipway-cli's arguments for a migration verb on the folder and database.
QStringList slipway(const QString &verb, const QString &conninfo, const QString &folder);
// `slipway-cli status --json`, read back: the tool it names, then each migration's state.
QStringList slipwayStates(const QString &conninfo, const QString &folder);

} // namespace InteropTools
