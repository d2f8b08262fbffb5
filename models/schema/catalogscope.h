#pragma once

#include "catalogrecords.h"
#include "namefilter.h"

#include <QList>

// Which part of a catalog one read covers, and how it is filtered. The browser reads in three
// shapes: the schema list, one schema's objects, one relation's parts (columns, constraints,
// indexes, triggers, partitions); the CLI and the full-model load read everything at once.
struct CatalogScope
{
    enum class Kind {
        Everything, // every (non-system) schema
        Schemas,    // objects whose schema is in oids
        Relations,  // parts of the relations in oids
    };

    Kind kind = Kind::Everything;
    QList<CatalogOid> oids;
    bool includeSystem = false; // pg_catalog, information_schema, pg_toast
    NameFilter filter;          // applies to schema-level objects (tables, views, functions...)

    static CatalogScope everything(bool includeSystem = false, const NameFilter &filter = {})
    {
        return {Kind::Everything, {}, includeSystem, filter};
    }
    static CatalogScope schemas(const QList<CatalogOid> &oids,
                                bool includeSystem = false,
                                const NameFilter &filter = {})
    {
        return {Kind::Schemas, oids, includeSystem, filter};
    }
    static CatalogScope relations(const QList<CatalogOid> &oids)
    {
        return {Kind::Relations, oids, true, {}};
    }
};
