#include "dberror.h"

#include <QCoreApplication>

QString DbError::toDisplayString() const
{
    QString text = severity.isEmpty() ? QStringLiteral("ERROR") : severity;
    if (!sqlState.isEmpty())
        text += QLatin1Char(' ') + sqlState;
    text += QStringLiteral(": ") + message;
    if (!detail.isEmpty())
        text += QLatin1Char('\n') + QCoreApplication::translate("DbError", "DETAIL: %1").arg(detail);
    if (!hint.isEmpty())
        text += QLatin1Char('\n') + QCoreApplication::translate("DbError", "HINT: %1").arg(hint);
    if (!context.isEmpty())
        text += QLatin1Char('\n') + QCoreApplication::translate("DbError", "CONTEXT: %1").arg(context);
    return text;
}

bool DbError::needsPassword() const
{
    // 28P01 is invalid_password; a missing one is reported by libpq itself, without SQLSTATE.
    return sqlState == QLatin1String("28P01") || message.contains(QLatin1String("no password supplied"));
}

DbError DbError::clientError(const QString &message)
{
    DbError error;
    error.severity = QStringLiteral("ERROR");
    error.message = message;
    return error;
}

DbException::DbException(DbError error)
    : std::runtime_error(error.message.toStdString())
    , m_error(std::move(error))
{}
