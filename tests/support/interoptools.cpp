#include "interoptools.h"

#include "clirun.h"
#include "testsandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QProcess>

QString InteropTools::locate(const QString &name, QString *error)
{
    QProcess installer;
    installer.start(TestSandbox::sourceDir() + QStringLiteral("/scripts/interop-tools"), {name});
    if (!installer.waitForFinished(900000)) {
        installer.kill();
        installer.waitForFinished();
        *error = QStringLiteral("scripts/interop-tools %1 did not finish").arg(name);
        return {};
    }
    // One line: NAME<TAB>PATH, or NAME<TAB>missing: REASON.
    const QString line = QString::fromUtf8(installer.readAllStandardOutput()).trimmed();
    const QString path = line.section(QLatin1Char('\t'), 1);
    if (!line.startsWith(name + QLatin1Char('\t')) || path.startsWith(QLatin1String("missing"))) {
        *error = QStringLiteral("%1 is not available: %2 %3")
                     .arg(name, line, QString::fromUtf8(installer.readAllStandardError()));
        return {};
    }
    return path;
}

InteropTools::Run InteropTools::run(const QString &program,
                                    const QStringList &arguments,
                                    const QHash<QString, QString> &environment)
{
    QProcess process;
    QProcessEnvironment merged = QProcessEnvironment::systemEnvironment();
    merged.remove(QStringLiteral("DATABASE_URL"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        merged.insert(it.key(), it.value());
    process.setProcessEnvironment(merged);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.output = QStringLiteral("%1 did not finish").arg(program);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.output = QString::fromUtf8(process.readAll());
    return result;
}

QHash<QString, QString> InteropTools::libpqEnvironment(const QString &conninfo)
{
    static const QHash<QString, QString> names{{QStringLiteral("host"), QStringLiteral("PGHOST")},
                                               {QStringLiteral("port"), QStringLiteral("PGPORT")},
                                               {QStringLiteral("user"), QStringLiteral("PGUSER")},
                                               {QStringLiteral("dbname"),
                                                QStringLiteral("PGDATABASE")}};
    QHash<QString, QString> environment;
    for (const QString &pair : conninfo.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString variable = names.value(pair.section(QLatin1Char('='), 0, 0));
        if (!variable.isEmpty())
            environment.insert(variable, pair.section(QLatin1Char('='), 1));
    }
    return environment;
}

QStringList InteropTools::slipway(const QString &verb,
                                  const QString &conninfo,
                                  const QString &folder)
{
    return {verb, QStringLiteral("--db"), conninfo, QStringLiteral("--dir"), folder};
}

QStringList InteropTools::slipwayStates(const QString &conninfo, const QString &folder)
{
    const TestSandbox::CliRun run = TestSandbox::runCli(
        slipway(QStringLiteral("status"), conninfo, folder) << QStringLiteral("--json"));
    QStringList states;
    const QJsonObject root = QJsonDocument::fromJson(run.stdOut).object();
    states << root.value(QStringLiteral("tool")).toString();
    for (const QJsonValue &migration : root.value(QStringLiteral("migrations")).toArray())
        states << migration.toObject().value(QStringLiteral("state")).toString();
    return states;
}
