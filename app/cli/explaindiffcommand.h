#pragma once

#include "clicommand.h"

#include <QCoreApplication>

class Plan;

// `slipway-cli explain-diff BEFORE AFTER [--json]`: compares two plans of one query — the
// overall speed-up, matched nodes with their time and buffer deltas, and the nodes that got
// worse. Exit 0 when the second plan is not slower, 1 when it is, 2 on bad input.
class ExplainDiffCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(ExplainDiffCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("explain-diff"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;

private:
    int load(const QString &path, Plan *plan);
};
