#pragma once

#include "catalogreader.h"

// Reads a PostgreSQL catalog into Catalog records, one query per object kind (PgCatalogQueries).
// Blocks on the network: runs on the connection's own thread (a ConnectionWorker job, or the
// main thread of slipway-cli). A read of several kinds runs in one PgReadSnapshot, so its parts
// agree and every name in types and definitions comes schema-qualified.
class PgCatalogReader final : public CatalogReader
{
public:
    explicit PgCatalogReader(Connection &connection);

    QList<CatalogSchema> readSchemas(const CatalogScope &scope) override;
    Catalog readSchemaObjects(const CatalogScope &scope) override;
    // Also reads the relations' policies and privileges, which only their DDL needs.
    Catalog readRelationParts(const QList<CatalogOid> &relations) override;
    Catalog readEverything(const CatalogScope &scope) override;
    QList<CatalogExtension> readExtensions() override;

    // Single objects for the object panel; call inside a PgReadSnapshot for qualified names.
    QList<CatalogRelation> readRelationsByOid(const QList<CatalogOid> &oids);
    QList<CatalogRelation> readOwnedSequences(const QList<CatalogOid> &tables);
    QList<CatalogType> readTypesByOid(const QList<CatalogOid> &oids);

private:
    void readRelations(const QString &sql, Catalog &catalog);
    void readColumns(const QString &sql, Catalog &catalog);
    void readConstraints(const QString &sql, Catalog &catalog);
    void readIndexes(const QString &sql, Catalog &catalog);
    void readTriggers(const QString &sql, Catalog &catalog);
    void readPolicies(const QString &sql, Catalog &catalog);
    void readPrivileges(const QString &sql, Catalog &catalog);
    void readRoutines(const QString &sql, Catalog &catalog);
    void readTypes(const QString &sql, Catalog &catalog);
    QList<CatalogSchema> querySchemas(const QString &sql);
    QList<CatalogExtension> queryExtensions(const QString &sql);
    int serverVersion() const;

    Connection &m_connection;
};
