#pragma once

#include "lintstate.h"

#include "sql/parsedscript.h"

#include <QList>
#include <QString>

// A finding as a rule reports it; the linter adds file positions, severity and impact.
struct RawFinding
{
    QString rule;
    QString message;
    QString table;     // for the impact note and the small-table downgrade
    int sqlIndex = -1; // index of the SQL statement it belongs to (ParsedScript::statements())
    // The table's size when the statement ran (later statements may drop or rename it).
    qint64 rows = -1;
    qint64 bytes = -1;
};

// What a rule family sees of one statement: its parse tree, where it is, and the state before
// it. report() collects findings.
class StatementContext
{
public:
    StatementContext(const SqlScript &script,
                     const ParsedStatement &parsed,
                     int sqlIndex,
                     const LintState &state,
                     QList<RawFinding> *findings)
        : m_script(script)
        , m_parsed(parsed)
        , m_sqlIndex(sqlIndex)
        , m_state(state)
        , m_findings(findings)
    {}

    const PgNode &node() const { return m_parsed.node; }
    const SqlScript &script() const { return m_script; }
    const SqlStatement &statement() const { return m_script.statements().at(m_parsed.index); }
    std::string_view type() const { return m_parsed.node.type(); }
    const LintState &state() const { return m_state; }
    int pgVersion() const { return m_state.pgVersion(); }

    void report(const char *rule, const QString &message, const QString &table = {}) const
    {
        RawFinding finding{QString::fromLatin1(rule), message, table, m_sqlIndex};
        if (const KnownTable *known = table.isEmpty() ? nullptr : m_state.schema().table(table)) {
            finding.rows = known->rows;
            finding.bytes = known->bytes;
        }
        m_findings->append(finding);
    }

private:
    const SqlScript &m_script;
    const ParsedStatement &m_parsed;
    int m_sqlIndex;
    const LintState &m_state;
    QList<RawFinding> *m_findings;
};
