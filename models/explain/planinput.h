#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Turns what people paste into the lines of one plan. EXPLAIN output arrives wrapped in many
// ways: psql's aligned output (QUERY PLAN header, "+" continuation marks, "(N rows)" footer)
// and expanded output (\x),
// psql unicode or ascii frames with wrap markers, DBeaver's trailing bars, pgAdmin's quoted
// lines, terminal hard wraps, and prompts or SET commands before the plan. Each kept line
// remembers its line number in the original text so errors point where the user looks.
// Pure function of its input; thread-safe.
class PlanInput
{
public:
    struct Line
    {
        QString text;
        int number = 0; // 1-based line in the original input
    };
    enum class Kind { Empty, Json, Text };

    static PlanInput fromText(const QString &raw);

    Kind kind() const { return m_kind; }
    const QList<Line> &lines() const { return m_lines; }
    // The first non-blank line of the original input (for errors about the input as a whole).
    int firstContentLine() const { return m_firstContentLine; }

    // For the text format: true when the line starts a plan node ("->  Hash Join …", or a root
    // line with costs, actuals or a known node name).
    static bool looksLikeNodeLine(const QString &line);

private:
    void stripExpandedRecords();
    void stripFrames();
    void joinWrappedCells();
    void stripQuotes();
    void dropHeadersAndFooters();
    void selectPlan();
    // untrimmed: the input's lines before trailing blanks were cut off.
    void joinHardWraps(const QStringList &untrimmed);

    QList<Line> m_lines;
    Kind m_kind = Kind::Empty;
    int m_firstContentLine = 0;
};
