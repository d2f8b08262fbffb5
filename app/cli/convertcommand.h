#pragma once

#include "clicommand.h"

#include <QCoreApplication>

// `slipway-cli convert --dir SRC --to TOOL --out DIR [--json]`: writes the folder's migrations
// into a new folder in another tool's layout (MigrationConverter) and says what did not move as
// it was. Touches no database. Exit codes: 0 written, 1 a file could not be written, 2 usage or
// input error (an unreadable folder, an output folder that is not empty).
class ConvertCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(ConvertCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("convert"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;
};
