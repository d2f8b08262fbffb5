#include "planparseerror.h"

#include <QCoreApplication>

QString PlanParseError::toString() const
{
    if (m_line <= 0)
        return m_message;
    if (m_column <= 0)
        return QCoreApplication::translate("PlanParseError", "line %1: %2")
            .arg(m_line)
            .arg(m_message);
    return QCoreApplication::translate("PlanParseError", "line %1, column %2: %3")
        .arg(m_line)
        .arg(m_column)
        .arg(m_message);
}
