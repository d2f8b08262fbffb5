#pragma once

#include "clicommand.h"

#include <QCoreApplication>

struct MigrationRunResult;
struct MigrationEvent;
struct DryRunSummary;

// The migration engine's verbs: `slipway-cli status|migrate|rollback|validate|baseline|repair
// --db CONNINFO --dir DIR [--json]`. One class serves all six; the verb is fixed at construction.
// Exit codes: 0 ok, 1 a migration or validation failed, 2 usage or input error, 3 timed out
// waiting for the runner lock, 4 a dry run that passed but could not rehearse everything.
class MigrateCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(MigrateCommand)

public:
    enum class Verb { Status, Migrate, Rollback, Validate, Baseline, Repair, Adopt };

    MigrateCommand(Verb verb, QTextStream &out, QTextStream &err);

    QString name() const override;
    QString summary() const override;
    int run(const QStringList &arguments) override;

private:
    void printEvent(const MigrationEvent &event);
    void printText(const MigrationRunResult &result);
    void printJson(const MigrationRunResult &result);
    void printDryRunSummary(const DryRunSummary &summary);

    Verb m_verb;
    bool m_json = false;
};
