#pragma once

#include "clicommand.h"

#include "lint/finding.h"
#include "lint/lintoptions.h"

#include <QCoreApplication>

#include <optional>

class KnownSchema;

// `slipway-cli lint [--format text|json|github] [--pg-version N] [--db CONNINFO]
// [--assume-in-transaction] [--dialect D] PATH...` lints SQL files and migration folders (read
// with their dialect and linted in order, with their slipway.json); a file of a migration folder
// is linted as that migration, exactly as in its folder (LintTarget). `--explain RULE` prints what
// a rule checks, the lock involved, why it matters and the safe alternative; `--list-rules` lists
// them all. Exit 0 without errors (warnings allowed), 1 when errors were found, 2 on a usage or
// input error (unreadable, empty or binary file, a NUL byte or invalid UTF-8, malformed folder or
// slipway.json).
class LintCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(LintCommand)

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("lint"); }
    QString summary() const override;
    int run(const QStringList &arguments) override;

private:
    // What the command line sets explicitly: it wins over the folder's slipway.json, which in
    // turn wins over the connected server's version.
    struct Overrides
    {
        std::optional<int> pgVersion;
        bool assumeInTransaction = false;
    };

    int explain(const QString &rule);
    int listRules();
    bool lintPath(const QString &path,
                  const LintOptions &base,
                  const Overrides &overrides,
                  const KnownSchema &schema,
                  const QString &dialect,
                  QList<Finding> *findings,
                  int *files);
    void print(const QList<Finding> &findings, const QString &format, int files);
};
