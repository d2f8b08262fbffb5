#include "typechange.h"

#include <QStringList>

namespace TypeChange {

namespace {

bool isOneOf(const QString &name, std::initializer_list<const char *> names)
{
    for (const char *candidate : names) {
        if (name == QLatin1String(candidate))
            return true;
    }
    return false;
}

// -1 (no limit) is the widest.
bool notNarrower(int from, int to)
{
    return to < 0 || (from >= 0 && to >= from);
}

int varcharLimit(const TypeSpec &type)
{
    return type.modifiers.isEmpty() ? -1 : type.modifiers.first();
}

bool textChange(const TypeSpec &from, const TypeSpec &to, const ColumnFacts &facts)
{
    const QString &a = from.name;
    const QString &b = to.name;
    // citext compares differently: an index on the column has to be rebuilt.
    const bool citextInvolved = a == QLatin1String("citext") || b == QLatin1String("citext");
    if (citextInvolved && facts.indexed)
        return false;
    if (b == QLatin1String("text") || b == QLatin1String("citext"))
        return isOneOf(a, {"varchar", "text", "citext"});
    if (b == QLatin1String("varchar")) {
        const int limit = varcharLimit(to);
        if (a == QLatin1String("varchar"))
            return notNarrower(varcharLimit(from), limit);
        return isOneOf(a, {"text", "citext"}) && limit < 0;
    }
    return false;
}

bool numericChange(const TypeSpec &from, const TypeSpec &to)
{
    if (to.modifiers.isEmpty())
        return true;
    if (from.modifiers.isEmpty())
        return false;
    const int fromScale = from.modifiers.value(1, 0);
    const int toScale = to.modifiers.value(1, 0);
    return fromScale == toScale && to.modifiers.first() >= from.modifiers.first();
}

} // namespace

bool isUtc(const QString &timeZone)
{
    static const QStringList utc{QStringLiteral("utc"),
                                 QStringLiteral("etc/utc"),
                                 QStringLiteral("gmt"),
                                 QStringLiteral("etc/gmt"),
                                 QStringLiteral("zulu"),
                                 QStringLiteral("etc/zulu"),
                                 QStringLiteral("universal"),
                                 QStringLiteral("etc/universal"),
                                 QStringLiteral("utc0"),
                                 QStringLiteral("gmt0")};
    return utc.contains(timeZone.trimmed().toLower());
}

bool isRewriteFree(const TypeSpec &from,
                   const TypeSpec &to,
                   const ColumnFacts &facts,
                   int pgVersion,
                   const QString &timeZone)
{
    if (facts.inCheck || from.isNull() || to.isNull() || from.array != to.array)
        return false;
    if (from.name == to.name && from.modifiers == to.modifiers)
        return true;
    if (from.array)
        return false;

    const QString &a = from.name;
    const QString &b = to.name;
    if (isOneOf(a, {"varchar", "text", "citext"}) && isOneOf(b, {"varchar", "text", "citext"}))
        return textChange(from, to, facts);
    if (a == QLatin1String("numeric") && b == QLatin1String("numeric"))
        return numericChange(from, to);
    if (a == QLatin1String("cidr") && b == QLatin1String("inet"))
        return true;

    const bool timestamps = isOneOf(a, {"timestamp", "timestamptz"})
                            && isOneOf(b, {"timestamp", "timestamptz"});
    if (timestamps && a != b && (pgVersion < 12 || !isUtc(timeZone)))
        return false; // the stored values change unless the session runs in UTC (PG 12+)
    if (timestamps || (a == b && isOneOf(a, {"time", "timetz", "interval"})))
        return notNarrower(from.precision(), to.precision());
    return false;
}

} // namespace TypeChange
