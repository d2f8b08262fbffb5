#include "objectdetails.h"

#include "sqlidentifier.h"

ObjectRef ObjectRef::fromNode(const SchemaNode &node)
{
    ObjectRef ref;
    ref.kind = node.kind();
    ref.oid = node.oid();
    ref.subId = node.subId();
    ref.name = node.name();
    ref.schema = node.schemaName();
    if (const SchemaNode *relation = node.owningRelation(); relation && relation != &node) {
        ref.relationOid = relation->oid();
        ref.relationName = relation->name();
        ref.schema = relation->schemaName();
    }
    return ref;
}

bool ObjectRef::isValid() const
{
    switch (kind) {
    case SchemaNode::Kind::Root:
    case SchemaNode::Kind::Folder:
    case SchemaNode::Kind::Message:
        return false;
    default:
        return true;
    }
}

QString ObjectRef::qualifiedRelation() const
{
    return SqlIdentifier::qualified(schema, relationName.isEmpty() ? name : relationName);
}
