#pragma once

#include "schema/schemanode.h"

#include <QIcon>

// Icons of the schema tree, painted rather than loaded so they look the same on every platform
// and theme: a coloured tile with a glyph per kind of object. Cached; GUI thread only.
class SchemaIcons
{
public:
    // code: constraint type (p f u c x); key: a primary-key column.
    static QIcon icon(SchemaNode::Kind kind, char code = 0, bool key = false);
};
