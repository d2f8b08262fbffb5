#include "volatility.h"

#include "knownschema.h"

#include <QSet>

namespace Volatility {

namespace {

// Built-ins that are IMMUTABLE or STABLE; those marked with no arguments only in that form.
bool knownStable(const QString &name, int arguments)
{
    static const QSet<QString> withoutArguments{QStringLiteral("now"),
                                                QStringLiteral("transaction_timestamp"),
                                                QStringLiteral("statement_timestamp"),
                                                QStringLiteral("current_database"),
                                                QStringLiteral("current_schema"),
                                                QStringLiteral("pg_backend_pid")};
    static const QSet<QString> anyArguments{QStringLiteral("lower"),
                                            QStringLiteral("upper"),
                                            QStringLiteral("length"),
                                            QStringLiteral("btrim"),
                                            QStringLiteral("trim"),
                                            QStringLiteral("concat"),
                                            QStringLiteral("abs"),
                                            QStringLiteral("round"),
                                            QStringLiteral("floor"),
                                            QStringLiteral("ceil"),
                                            QStringLiteral("date_trunc"),
                                            QStringLiteral("make_date"),
                                            QStringLiteral("make_interval"),
                                            QStringLiteral("make_timestamp"),
                                            QStringLiteral("make_timestamptz"),
                                            QStringLiteral("to_timestamp"),
                                            QStringLiteral("to_date"),
                                            QStringLiteral("to_char"),
                                            QStringLiteral("current_setting"),
                                            QStringLiteral("jsonb_build_object"),
                                            QStringLiteral("json_build_object"),
                                            QStringLiteral("jsonb_build_array"),
                                            QStringLiteral("json_build_array"),
                                            QStringLiteral("array_fill"),
                                            QStringLiteral("md5"),
                                            QStringLiteral("timezone"),
                                            QStringLiteral("coalesce"),
                                            QStringLiteral("nullif"),
                                            QStringLiteral("greatest"),
                                            QStringLiteral("least")};
    if (arguments == 0 && withoutArguments.contains(name))
        return true;
    return anyArguments.contains(name);
}

bool functionIsVolatile(const PgNode &call, const KnownSchema &schema)
{
    const QList<PgNode> names = call.field("funcname").list();
    if (names.isEmpty())
        return true;
    const QString name = names.last().string().toLower();
    if (schema.knownFunctions)
        return schema.volatileFunctions.contains(name);
    return !knownStable(name, call.field("args").size());
}

} // namespace

bool isVolatileDefault(const PgNode &expression, const KnownSchema &schema)
{
    bool isVolatile = false;
    expression.walk([&](const PgNode &node) {
        if (isVolatile)
            return false;
        if (node.is("FuncCall") && functionIsVolatile(node, schema))
            isVolatile = true;
        else if (node.is("SubLink"))
            isVolatile = true; // a subquery is evaluated per row
        return !isVolatile;
    });
    return isVolatile;
}

} // namespace Volatility
