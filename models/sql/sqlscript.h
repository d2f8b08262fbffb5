#pragma once

#include "psqlscanner.h"
#include "sqlstatement.h"
#include "textpositions.h"

#include <QByteArray>
#include <QList>
#include <QString>

// A script split into statements (see StatementSplitter): the original text, the text as the
// parser sees it (psql-only parts blanked, same byte length), the statements in order and the
// position tables. A value type; safe to hand from a worker thread to the GUI.
class SqlScript
{
public:
    SqlScript() = default;
    SqlScript(const QString &text,
              const QByteArray &utf8,
              const QByteArray &parserText,
              QList<SqlStatement> statements,
              const TextPositions &positions);

    const QString &text() const { return m_text; }
    const QByteArray &utf8() const { return m_utf8; }
    // The UTF-8 text handed to libpg_query: meta-commands and COPY data blanked, `\;` and the
    // colon of psql variables replaced by spaces, a ';' where a \g-style command sends a query.
    const QByteArray &parserText() const { return m_parserText; }
    const QList<SqlStatement> &statements() const { return m_statements; }
    const TextPositions &positions() const { return m_positions; }

    QString textOf(const SqlStatement &statement) const;
    QByteArray parserTextOf(const SqlStatement &statement) const;
    // Index of the SQL statement containing charOffset, or the nearest one before it; -1 if none.
    int sqlStatementAt(int charOffset) const;

    // Set when PostgreSQL's grammar rejected the script and the scanner split was used instead.
    bool hasSyntaxError() const { return !m_syntaxError.isEmpty(); }
    QString syntaxError() const { return m_syntaxError; }
    int syntaxErrorByte() const { return m_syntaxErrorByte; }
    void setSyntaxError(const QString &message, int byteOffset);

    // Identifiers longer than 63 bytes, as written (PsqlScanner::Result::longIdentifiers).
    const QList<PsqlScanner::Span> &longIdentifiers() const { return m_longIdentifiers; }
    void setLongIdentifiers(const QList<PsqlScanner::Span> &spans) { m_longIdentifiers = spans; }

private:
    QString m_text;
    QByteArray m_utf8;
    QByteArray m_parserText;
    QList<SqlStatement> m_statements;
    TextPositions m_positions;
    QString m_syntaxError;
    int m_syntaxErrorByte = -1;
    QList<PsqlScanner::Span> m_longIdentifiers;
};
