#pragma once

#include "clicommand.h"

// `slipway-cli query --db CONNINFO [--json] SQL` (or `--sqlite FILE`): runs one statement or script
// and prints its rows as tab-separated text or JSON. Connection failures exit 2, SQL errors exit 1.
class QueryCommand final : public CliCommand
{
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("query"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;
};
