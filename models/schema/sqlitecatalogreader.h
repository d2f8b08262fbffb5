#pragma once

#include "catalogreader.h"

// Reads a SQLite database's schema (tables, columns, indexes, foreign keys, unique and primary
// keys, triggers, views) into Catalog records, as one schema named "main" (oid 1). sqlite_schema
// rowids serve as object ids. SQLite answers from a local file, so every read is a full read
// (five queries through the pragma table-valued functions) narrowed down in memory.
class SqliteCatalogReader final : public CatalogReader
{
public:
    explicit SqliteCatalogReader(Connection &connection);

    static constexpr CatalogOid MainSchemaOid = 1;

    QList<CatalogSchema> readSchemas(const CatalogScope &scope) override;
    Catalog readSchemaObjects(const CatalogScope &scope) override;
    Catalog readRelationParts(const QList<CatalogOid> &relations) override;
    Catalog readEverything(const CatalogScope &scope) override;
    QList<CatalogExtension> readExtensions() override { return {}; }

private:
    void readObjects(const CatalogScope &scope, Catalog &catalog);
    void readColumns(Catalog &catalog);
    void readIndexes(Catalog &catalog);
    void readForeignKeys(Catalog &catalog);

    Connection &m_connection;
};
