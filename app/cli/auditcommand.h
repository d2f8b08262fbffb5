#pragma once

#include "clicommand.h"

#include <QCoreApplication>
#include <QDateTime>

// `slipway-cli audit [--json] [--db TARGET] [--action NAME] [--since WHEN]`: the audit trail of
// every change Slipway made (deploys; migrate, rollback, baseline and repair from the window and
// the CLI), newest first. Reads the same file the window's Audit view shows (SLIPWAY_AUDIT_DB or
// the user's data directory). Exit codes: 0 listed (also when nothing matches), 1 the trail
// cannot be read, 2 usage error.
class AuditCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(AuditCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("audit"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;

    // "2026-12-01", "2026-12-01T10:00:00Z", or an age: "30m", "24h", "7d". Invalid on anything else.
    static QDateTime parseSince(const QString &text, const QDateTime &now);
};
