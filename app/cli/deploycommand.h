#pragma once

#include "clicommand.h"

#include <QCoreApplication>

class DeploySession;
struct DeployTarget;
struct DeployExecution;

// `slipway-cli deploy --db CONNINFO --dir DIR [--checklist FILE|TEMPLATE] [--sign ITEM="Name: note"]...
// [--yes] [--report FILE] [--json]`: the deploy checklist headless. Runs the automated checks;
// exits 1 without applying while a required blocking item fails or a required manual item is
// unsigned; with --yes then applies, runs the verify phase and writes the report. Without --yes
// it stops after a "go" (exit 0), so CI can check a deploy without making it. Every run ends in
// the audit log. The dump and the rehearsal server go to a temporary folder that is removed
// after a successful deploy and kept (and named) after a failure or with --keep-work.
class DeployCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(DeployCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("deploy"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;
    // HTML and PDF reports lay text out with fonts, which needs a QGuiApplication.
    static bool needsGui(const QStringList &arguments);

private:
    // Checks, decides and applies with its work in workDirectory; returns the exit code.
    int deploy(const QCommandLineParser &parser, DeploySession &session, const DeployTarget &target,
               const QString &workDirectory);
    int finish(const DeploySession &session, const DeployExecution &execution, const QString &reportPath, int exitCode);

    bool m_json = false;
};
