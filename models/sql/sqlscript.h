#pragma once

#include "psqlscanner.h"
#include "sqlstatement.h"
#include "textpositions.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Reading SQL files. PostgreSQL takes SQL text as UTF-8 without NUL bytes: libpq ends a query
// at a NUL, and a UTF8 database rejects invalid sequences. A file with either is an input error
// here, reported with its position, never a script cut short at the NUL or with bytes replaced.
// Every place that reads a SQL file to lint or run it goes through read(). A leading UTF-8 byte
// order mark is dropped (QString::fromUtf8 does so); a UTF-16 one is refused.
namespace SqlFile {

// The first byte of `bytes` PostgreSQL would not accept; offset -1 when there is none.
struct Problem
{
    qsizetype offset = -1; // byte offset in the file
    int line = 0;          // 1-based
    int column = 0;        // 1-based, in characters (UTF-16 code units, as elsewhere)
    QString message;       // what is wrong there, without the position

    bool isNull() const { return offset < 0; }
};
Problem check(const QByteArray &bytes);

// Reads and decodes `path`. False with `error` set when it cannot be read ("PATH: …") or is not
// text PostgreSQL accepts ("PATH:LINE:COLUMN: contains a NUL byte …").
bool read(const QString &path, QString *text, QString *error);

} // namespace SqlFile

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
