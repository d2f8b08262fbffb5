#include "pgoptions.h"

namespace PgOptions {

bool isOn(const PgNode &defElem)
{
    const PgNode arg = defElem.field("arg");
    if (arg.isNull())
        return true;
    if (arg.is("Integer"))
        return arg.integer() != 0;
    if (arg.is("Boolean"))
        return arg.boolean();
    const QString value = arg.string().toLower();
    return !(value == QLatin1String("false") || value == QLatin1String("off")
             || value == QLatin1String("no") || value == QLatin1String("0"));
}

bool hasOn(const PgNode &options, std::string_view name)
{
    for (const PgNode &option : options.list()) {
        if (option.field("defname").view() == name && isOn(option))
            return true;
    }
    return false;
}

} // namespace PgOptions
