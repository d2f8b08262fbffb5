#include "auditcommand.h"
#include "backupcommand.h"
#include "clicommand.h"
#include "convertcommand.h"
#include "deploycommand.h"
#include "explaincommand.h"
#include "explaindiffcommand.h"
#include "healthcommand.h"
#include "lintcommand.h"
#include "migratecommand.h"
#include "querycommand.h"
#include "sandboxcommand.h"
#include "schemacommand.h"

#include "db/dberror.h"
#include "logsetup.h"
#include "sql/allocatortuning.h"
#include "translations.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <libpq-fe.h>
#include <pqxx/version>

#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <vector>

namespace {

void printVersion(QTextStream &out)
{
    const int libpq = PQlibVersion(); // 150010 means 15.10 (since PostgreSQL 10)
    out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
        << '\n'
        << "Qt " << qVersion() << '\n'
        << "libpqxx " << PQXX_VERSION << '\n'
        << "libpq " << libpq / 10000 << '.' << libpq % 10000 << '\n';
}

void printHelp(QTextStream &stream, const std::vector<std::unique_ptr<CliCommand>> &commands)
{
    stream << QCoreApplication::translate("slipway-cli",
                                          "Usage: slipway-cli <command> [options]\n"
                                          "       slipway-cli --version\n"
                                          "\n"
                                          "Commands:\n");
    // The column follows the longest name, so no name runs into its summary.
    qsizetype width = 0;
    for (const auto &command : commands)
        width = qMax(width, command->name().size());
    for (const auto &command : commands)
        stream << "  " << command->name().leftJustified(width + 2) << command->summary() << '\n';
    stream << '\n'
           << QCoreApplication::translate("slipway-cli",
                                          "Run slipway-cli <command> --help for its options.")
           << '\n';
}

// The last line of defence: an exception no command handled is reported as a failure (exit 1)
// with what it says, instead of reaching std::terminate and an abort with nothing explained.
int runGuarded(const QString &command, QTextStream &err, const std::function<int()> &body)
{
    const auto report = [&](const QString &what) {
        err << "slipway-cli" << (command.isEmpty() ? QString() : QLatin1Char(' ') + command) << ": "
            << what << Qt::endl;
        return int(CliCommand::Failure);
    };
    try {
        return body();
    } catch (const DbException &e) {
        return report(e.error().toDisplayString());
    } catch (const std::exception &e) {
        return report(QCoreApplication::translate("slipway-cli", "unexpected error: %1")
                          .arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        return report(
            QCoreApplication::translate("slipway-cli", "unexpected error of an unknown kind"));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    AllocatorTuning::keepFreedMemory();
    // Picture export and HTML/PDF reports draw text, which needs a QGuiApplication; the offscreen platform keeps the
    // command independent of a display. Every other command runs on a plain QCoreApplication.
    QStringList rawArguments;
    for (int i = 1; i < argc; ++i)
        rawArguments << QString::fromLocal8Bit(argv[i]);
    const bool pictures = (rawArguments.value(0) == QLatin1String("explain")
                           && ExplainCommand::needsPictures(rawArguments))
                          || (rawArguments.value(0) == QLatin1String("deploy")
                              && DeployCommand::needsGui(rawArguments));
    if (pictures)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application(pictures ? new QGuiApplication(argc, argv)
                                                           : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("slipway-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));

    LogSetup::applyRules();
    LogSetup::installHandler();
    // Messages in the locale's language where translated; "1 row" rather than "1 row(s)" always.
    Translations::install(application.get());

    QTextStream out(stdout);
    QTextStream err(stderr);

    const QStringList arguments = QCoreApplication::arguments().mid(1);
    return runGuarded(arguments.value(0), err, [&]() -> int {
        std::vector<std::unique_ptr<CliCommand>> commands;
        commands.push_back(std::make_unique<QueryCommand>(out, err));
        commands.push_back(std::make_unique<LintCommand>(out, err));
        for (const auto verb : {MigrateCommand::Verb::Status,
                                MigrateCommand::Verb::Migrate,
                                MigrateCommand::Verb::Rollback,
                                MigrateCommand::Verb::Validate,
                                MigrateCommand::Verb::Baseline,
                                MigrateCommand::Verb::Repair,
                                MigrateCommand::Verb::Adopt})
            commands.push_back(std::make_unique<MigrateCommand>(verb, out, err));
        commands.push_back(std::make_unique<ExplainCommand>(out, err));
        commands.push_back(std::make_unique<ExplainDiffCommand>(out, err));
        commands.push_back(std::make_unique<DeployCommand>(out, err));
        commands.push_back(std::make_unique<AuditCommand>(out, err));
        commands.push_back(std::make_unique<ConvertCommand>(out, err));
        commands.push_back(std::make_unique<BackupCommand>(BackupCommand::Verb::Backup, out, err));
        commands.push_back(
            std::make_unique<BackupCommand>(BackupCommand::Verb::RestoreVerify, out, err));
        commands.push_back(std::make_unique<SandboxCommand>(out, err));
        commands.push_back(std::make_unique<SchemaCommand>(out, err));
        commands.push_back(std::make_unique<HealthCommand>(out, err));

        if (arguments.isEmpty()) {
            // No command is a usage error, but the list of commands is the most useful answer.
            printHelp(err, commands);
            return CliCommand::UsageError;
        }
        const QString &first = arguments.first();
        if (first == QLatin1String("--help") || first == QLatin1String("-h")
            || first == QLatin1String("help")) {
            printHelp(out, commands);
            return CliCommand::Ok;
        }
        if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
            printVersion(out);
            return CliCommand::Ok;
        }
        for (const auto &command : commands) {
            if (command->name() == first)
                return command->run(arguments.mid(1));
        }
        err << QCoreApplication::translate(
                   "slipway-cli",
                   "slipway-cli: unknown command \"%1\". Run slipway-cli --help "
                   "for the list.")
                   .arg(first)
            << Qt::endl;
        return CliCommand::UsageError;
    });
}
