#pragma once

#include "catalogrecords.h"
#include "schemanode.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

// Which object the panel shows: enough to find it again in the catalog, copied from its tree
// node so the worker thread never touches the tree.
struct ObjectRef
{
    SchemaNode::Kind kind = SchemaNode::Kind::Root;
    CatalogOid oid = 0;
    int subId = 0;              // column number
    CatalogOid relationOid = 0; // the table of a column, constraint, index or trigger
    QString schema;             // the object's (or its table's) schema
    QString relationName;       // the table of a part
    QString name;

    static ObjectRef fromNode(const SchemaNode &node);
    bool isValid() const;
    QString qualifiedRelation() const; // quoted schema.table of a part, or of the object itself
};

// One row of the Dependencies / Dependents lists (pg_depend).
struct ObjectDependency
{
    QString object; // pg_describe_object(): "table shop.orders", "function shop.f(bigint)"
    QString type;   // normal, automatic, internal, extension, partition
};

// What the object panel shows for the selected node. Labels are translated; values are shown as
// given.
struct ObjectDetails
{
    using Entries = QList<QPair<QString, QString>>;

    QString ddl;
    Entries properties;
    Entries statistics;
    QList<ObjectDependency> dependencies; // what it needs
    QList<ObjectDependency> dependents;   // what needs it
};

Q_DECLARE_METATYPE(ObjectDetails)
