#pragma once

#include <QMetaType>
#include <QString>

#include <stdexcept>

// A database error or server message as the user should see it: libpq's fields, split.
// Plain value type; crosses threads through queued signals.
struct DbError
{
    QString severity;       // ERROR, FATAL, WARNING, NOTICE ... (untranslated, as the server sends it)
    QString sqlState;       // five-character SQLSTATE, empty when the client failed before the server
    QString message;        // primary message
    QString detail;         // DETAIL: line(s)
    QString hint;           // HINT: line(s)
    QString context;        // CONTEXT: line(s)
    int position = -1;      // 0-based character offset into the statement text; -1 when unknown
    bool connectionLost = false; // the session is gone; reconnect before the next statement
    bool cancelled = false;      // the statement was cancelled on request (SQLSTATE 57014)

    bool isEmpty() const { return message.isEmpty(); }
    // The server wants a password we did not have (none given, or a wrong one): ask the user.
    bool needsPassword() const;
    // Multi-line text for a messages pane or stderr: "ERROR 42601: ...\nDETAIL: ...".
    QString toDisplayString() const;

    static DbError clientError(const QString &message);
};

// Thrown inside the worker thread by Connection implementations; never crosses a thread boundary.
class DbException : public std::runtime_error
{
public:
    explicit DbException(DbError error);
    const DbError &error() const { return m_error; }

private:
    DbError m_error;
};

// A server notice (RAISE NOTICE, warnings) or a client-side message for the messages pane.
using Notice = DbError;

Q_DECLARE_METATYPE(DbError)
