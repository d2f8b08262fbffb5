#pragma once

#include "catalogrecords.h"
#include "catalogscope.h"

#include <memory>

class Connection;

// Reads a database's catalog into Catalog records; one implementation per engine. All calls
// block on the connection and run on its thread (a ConnectionWorker job, or slipway-cli's main
// thread). Failures throw DbException.
class CatalogReader
{
public:
    virtual ~CatalogReader() = default;

    // The reader for the connection's engine; it keeps a reference to the connection.
    static std::unique_ptr<CatalogReader> create(Connection &connection);

    virtual QList<CatalogSchema> readSchemas(const CatalogScope &scope) = 0;
    // The schema-level objects of the scope's schemas: relations (no partitions), routines, types.
    virtual Catalog readSchemaObjects(const CatalogScope &scope) = 0;
    // Columns, constraints, indexes, triggers and partitions of the given relations.
    virtual Catalog readRelationParts(const QList<CatalogOid> &relations) = 0;
    // Everything in one consistent read: what the CLI prints and the full tree holds.
    virtual Catalog readEverything(const CatalogScope &scope) = 0;
    virtual QList<CatalogExtension> readExtensions() = 0;
};
