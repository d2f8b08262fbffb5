#include "sqlscript.h"

SqlScript::SqlScript(const QString &text,
                     const QByteArray &utf8,
                     const QByteArray &parserText,
                     QList<SqlStatement> statements,
                     const TextPositions &positions)
    : m_text(text)
    , m_utf8(utf8)
    , m_parserText(parserText)
    , m_statements(std::move(statements))
    , m_positions(positions)
{}

QString SqlScript::textOf(const SqlStatement &statement) const
{
    return m_text.mid(statement.start, statement.length);
}

QByteArray SqlScript::parserTextOf(const SqlStatement &statement) const
{
    return m_parserText.mid(statement.byteStart, statement.byteLength);
}

int SqlScript::sqlStatementAt(int charOffset) const
{
    int best = -1;
    for (int i = 0; i < m_statements.size(); ++i) {
        const SqlStatement &statement = m_statements.at(i);
        if (!statement.isSql())
            continue;
        if (statement.start > charOffset && best >= 0)
            break;
        best = i;
        if (charOffset <= statement.end())
            break;
    }
    return best;
}

void SqlScript::setSyntaxError(const QString &message, int byteOffset)
{
    m_syntaxError = message;
    m_syntaxErrorByte = byteOffset;
}
