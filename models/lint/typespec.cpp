#include "typespec.h"

#include <QStringList>

namespace {
// PostgreSQL's INTERVAL_FULL_RANGE typmod: "no field restriction".
constexpr int IntervalFullRange = 0x7FFF;
} // namespace

int TypeSpec::precision() const
{
    // Without a precision these types keep microseconds, the most they can: 6.
    if (name == QLatin1String("interval"))
        return modifiers.size() == 2 ? modifiers.at(1) : MaxTimePrecision;
    if (name == QLatin1String("timestamp") || name == QLatin1String("timestamptz")
        || name == QLatin1String("time") || name == QLatin1String("timetz"))
        return modifiers.isEmpty() ? MaxTimePrecision : modifiers.first();
    return -1;
}

QString TypeSpec::toString() const
{
    QString text = name;
    QStringList mods;
    for (int i = 0; i < modifiers.size(); ++i) {
        if (name == QLatin1String("interval") && i == 0 && modifiers.at(i) == IntervalFullRange)
            continue;
        mods.append(QString::number(modifiers.at(i)));
    }
    if (!mods.isEmpty())
        text += QLatin1Char('(') + mods.join(QLatin1Char(',')) + QLatin1Char(')');
    if (array)
        text += QStringLiteral("[]");
    return text;
}

TypeSpec TypeSpec::fromNode(const PgNode &typeName)
{
    TypeSpec spec;
    const QList<PgNode> names = typeName.field("names").list();
    if (names.isEmpty())
        return spec;
    spec.name = names.last().string().toLower();
    if (names.size() > 1)
        spec.schema = names.at(names.size() - 2).string().toLower();
    for (const PgNode &modifier : typeName.field("typmods").list()) {
        // A_Const {"ival": {"ival": 20}}; a zero ival is omitted from the JSON.
        const PgNode constant = modifier.field("ival");
        if (!modifier.is("A_Const"))
            continue;
        spec.modifiers.append(constant.isNull() ? 0 : int(constant.field("ival").integer(0)));
    }
    spec.array = typeName.field("arrayBounds").size() > 0;
    return spec;
}
