#pragma once

#include "sql/sqlscript.h"

#include <QSet>
#include <QString>

// Comments that silence rules: `-- slipway-ignore rule-a, rule-b: why` (or squawk's
// `-- squawk-ignore …`) in the comment lines right above a statement silences those rules for
// that statement, and for all rules when none is named; `-- slipway-ignore-file …` (or
// `-- squawk-ignore-file …`) anywhere does the same for the whole file. Ids are read through
// RuleCatalog::canonicalId, so squawk's spellings work.
class Suppressions
{
public:
    explicit Suppressions(const SqlScript &script);
    // Whether the text's file-level directives silence `rule` (for findings about a file, not
    // a statement, such as missing-rollback), without splitting it into statements.
    static bool isSuppressedInFile(const QString &text, const QString &rule);

    bool isSuppressed(const QString &rule, const SqlStatement &statement) const;
    bool isSuppressedInFile(const QString &rule) const
    {
        return m_file.all || m_file.rules.contains(rule);
    }

    // Directives for the whole file that are not about rules.
    // `-- slipway:no-transaction` as the first line, or squawk's
    // `-- squawk-disable-assume-in-transaction`: the file runs outside a transaction.
    bool noTransaction() const { return m_noTransaction; }
    // Only squawk's directive: Slipway's marker tells Slipway's engine, not another tool.
    bool disablesAssumeInTransaction() const { return m_disableAssume; }

private:
    struct Directive
    {
        bool all = false;
        QSet<QString> rules;
    };
    static bool parse(const QString &line, const QString &keyword, Directive *directive);
    // Reads the -ignore-file directive of a comment line into `directive`.
    static void parseFileDirective(const QString &line, Directive *directive);

    const SqlScript &m_script;
    bool m_hasStatementDirectives = false; // no "-ignore" in the text: nothing to look for
    Directive m_file;
    bool m_noTransaction = false;
    bool m_disableAssume = false;
};
