#pragma once

#include "clicommand.h"

#include <QCoreApplication>

// `slipway-cli health --db CONNINFO [--json] [--min-rows N] [--min-seq-scans N]`: the index
// health check. Exits 0 when nothing was found, 1 with findings (or when the check failed),
// 2 on usage or connection errors, so scripts can gate on it.
class HealthCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(HealthCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("health"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;
};
