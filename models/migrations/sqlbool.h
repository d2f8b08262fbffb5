#pragma once

#include <QString>

// A boolean as the history tables' queries return it as text: PostgreSQL prints t/f, SQLite
// 1/0 (and "true" where a driver converts).
inline bool sqlTrue(const QString &value)
{
    return value == QLatin1String("t") || value == QLatin1String("1")
           || value == QLatin1String("true");
}
