#pragma once

#include "finding.h"
#include "knownschema.h"
#include "lintoptions.h"
#include "lintstate.h"
#include "ruleinfo.h"
#include "tooltransaction.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

class ParsedScript;

// Lints migration scripts on PostgreSQL's own parser. Files are linted in order and what one
// teaches (tables, constraints, types) carries over to the next, as the migrations of a folder
// build on each other. Findings get their file position, their rule's severity, the table's size
// when known, and are downgraded to warnings on tables smaller than the options' threshold for
// lock findings. Suppression comments and excluded rules are honoured. Not thread-safe; use one
// Linter per thread (they are cheap).
class Linter
{
public:
    explicit Linter(const LintOptions &options = {}, const KnownSchema &schema = {});

    // `assumeInTransaction` overrides the options for this file (the migration reader knows
    // whether a migration runs in a transaction). `toolRun`, how the folder's own tool runs the
    // file, overrides both: the file is in a transaction exactly when the tool opens one.
    QList<Finding> lintFile(const QString &fileName,
                            const QString &text,
                            std::optional<bool> assumeInTransaction = {});
    QList<Finding> lintScript(const QString &fileName,
                              const ParsedScript &script,
                              std::optional<bool> assumeInTransaction = {},
                              const std::optional<ToolTransaction::Run> &toolRun = std::nullopt);

    const LintOptions &options() const { return m_options; }
    const LintState &state() const { return m_state; }
    const RuleInfo *rule(const QString &id) const;
    // A finding made outside a statement check (missing-rollback) about the file whose text is
    // `fileText` (a migration's up script), with severity filled in; false when the rule is
    // excluded or the file silences it (-- slipway-ignore-file RULE).
    bool complete(Finding *finding, const QString &fileText) const;

private:
    void applyImpact(Finding *finding, const RuleInfo &info, qint64 rows, qint64 bytes) const;

    LintOptions m_options;
    LintState m_state;
    QHash<QString, RuleInfo> m_rules;
};
