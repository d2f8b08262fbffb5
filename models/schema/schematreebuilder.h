#pragma once

#include "catalogrecords.h"
#include "schemanode.h"

#include <QCoreApplication>
#include <QHash>

#include <memory>
#include <vector>

using SchemaNodeList = std::vector<std::unique_ptr<SchemaNode>>;

// Turns catalog records into schema tree nodes: the top level (schemas, extensions), one
// schema's folders (Tables, Views, ... Types), one relation's folders (Columns, Constraints,
// Indexes, Triggers, Partitions), or all of it at once. Pure functions; they run on the
// connection's worker thread so a 10,000-table catalog never stalls the window.
class SchemaTreeBuilder
{
    Q_DECLARE_TR_FUNCTIONS(SchemaTreeBuilder)

public:
    static SchemaNodeList topLevel(const QList<CatalogSchema> &schemas,
                                   const QList<CatalogExtension> &extensions,
                                   bool withExtensionsFolder);
    // Folders for the schema-level objects in the catalog (a readSchemaObjects() result).
    static SchemaNodeList schemaContents(const Catalog &catalog);
    // Folders for one relation's parts (a readRelationParts() result).
    // schema: the relation's own schema (its indexes live there).
    static SchemaNodeList relationContents(const Catalog &catalog,
                                           CatalogOid relation,
                                           const QString &schema);
    // The whole tree, every lazy node already loaded (a readEverything() result).
    static SchemaNodeList everything(const Catalog &catalog, bool withExtensionsFolder);

    static QString folderLabel(SchemaNode::Kind content, char code = 0);

private:
    struct RelationParts
    {
        QList<const CatalogColumn *> columns;
        QList<const CatalogConstraint *> constraints;
        QList<const CatalogIndex *> indexes;
        QList<const CatalogTrigger *> triggers;
        QList<const CatalogRelation *> partitions;
    };
    using PartsByRelation = QHash<CatalogOid, RelationParts>;

    struct SchemaObjects
    {
        QList<const CatalogRelation *> relations;
        QList<const CatalogRoutine *> routines;
        QList<const CatalogType *> types;
    };

    static PartsByRelation groupParts(const Catalog &catalog, bool partitionsByParent);
    // allParts: when given, every relation node is filled from it and marked loaded.
    static SchemaNodeList schemaFolders(const SchemaObjects &objects,
                                        const PartsByRelation *allParts);
    static SchemaNodeList relationFolders(const RelationParts &parts,
                                          const QString &schema,
                                          const PartsByRelation *allParts);
    static void fill(SchemaNode &relation, const PartsByRelation *allParts);

    static std::unique_ptr<SchemaNode> schemaNode(const CatalogSchema &schema);
    static std::unique_ptr<SchemaNode> relationNode(const CatalogRelation &relation);
    static std::unique_ptr<SchemaNode> columnNode(const CatalogColumn &column);
    static std::unique_ptr<SchemaNode> constraintNode(const CatalogConstraint &constraint);
    static std::unique_ptr<SchemaNode> indexNode(const CatalogIndex &index, const QString &schema);
    static std::unique_ptr<SchemaNode> triggerNode(const CatalogTrigger &trigger);
    static std::unique_ptr<SchemaNode> routineNode(const CatalogRoutine &routine);
    static std::unique_ptr<SchemaNode> typeNode(const CatalogType &type);
    static std::unique_ptr<SchemaNode> folder(SchemaNode::Kind content,
                                              SchemaNodeList children,
                                              char code = 0);
};
