#pragma once

#include <QString>

// Why a plan could not be read: the line (1-based, in the text the user gave) and column where
// reading stopped, and what was expected there. line 0 means the input as a whole.
class PlanParseError
{
public:
    PlanParseError() = default;
    PlanParseError(int line, int column, const QString &message)
        : m_line(line)
        , m_column(column)
        , m_message(message)
    {}

    bool isError() const { return !m_message.isEmpty(); }
    int line() const { return m_line; }
    int column() const { return m_column; }
    const QString &message() const { return m_message; }
    // "line 12, column 4: expected …" (translated), or just the message for line 0.
    QString toString() const;

private:
    int m_line = 0;
    int m_column = 0;
    QString m_message;
};
