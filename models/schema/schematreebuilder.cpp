#include "schematreebuilder.h"

#include "sqlidentifier.h"

#include <QSet>

namespace {

using Kind = SchemaNode::Kind;

Kind relationKind(CatalogRelation::Kind kind)
{
    switch (kind) {
    case CatalogRelation::Kind::Table:
        return Kind::Table;
    case CatalogRelation::Kind::PartitionedTable:
        return Kind::PartitionedTable;
    case CatalogRelation::Kind::ForeignTable:
        return Kind::ForeignTable;
    case CatalogRelation::Kind::View:
        return Kind::View;
    case CatalogRelation::Kind::MaterializedView:
        return Kind::MaterializedView;
    case CatalogRelation::Kind::Sequence:
        return Kind::Sequence;
    }
    return Kind::Table;
}

// "CREATE UNIQUE INDEX x ON s.t USING btree (a, b) WHERE ..." → "btree (a, b) WHERE ...".
QString indexShape(const QString &definition)
{
    const qsizetype at = definition.indexOf(QLatin1String(" USING "));
    return at < 0 ? definition : definition.mid(at + 7);
}

} // namespace

QString SchemaTreeBuilder::folderLabel(SchemaNode::Kind content, char code)
{
    switch (content) {
    case Kind::Schema:
        return tr("Schemas");
    case Kind::Table:
        return code == 'P' ? tr("Partitions") : tr("Tables");
    case Kind::View:
        return tr("Views");
    case Kind::MaterializedView:
        return tr("Materialized Views");
    case Kind::Sequence:
        return tr("Sequences");
    case Kind::Function:
        return tr("Functions");
    case Kind::Procedure:
        return tr("Procedures");
    case Kind::Aggregate:
        return tr("Aggregates");
    case Kind::Type:
        return tr("Types");
    case Kind::Extension:
        return tr("Extensions");
    case Kind::Column:
        return tr("Columns");
    case Kind::Constraint:
        return tr("Constraints");
    case Kind::Index:
        return tr("Indexes");
    case Kind::Trigger:
        return tr("Triggers");
    default:
        return {};
    }
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::folder(Kind content,
                                                      SchemaNodeList children,
                                                      char code)
{
    auto node = std::make_unique<SchemaNode>(Kind::Folder, folderLabel(content, code));
    node->setFolderContent(content);
    node->setCode(code);
    node->setDetail(QString::number(children.size()));
    node->appendChildren(std::move(children));
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::schemaNode(const CatalogSchema &schema)
{
    auto node = std::make_unique<SchemaNode>(Kind::Schema, schema.name);
    node->setOid(schema.oid);
    // English needs no numerus file this way; other languages get %n's plural forms.
    node->setDetail(schema.tableCount == 1 ? tr("1 table")
                                           : tr("%n tables", nullptr, schema.tableCount));
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::relationNode(const CatalogRelation &relation)
{
    auto node = std::make_unique<SchemaNode>(relationKind(relation.kind), relation.name);
    node->setOid(relation.oid);
    node->setSchemaName(relation.schema);
    node->setPartition(relation.isPartition);
    if (relation.isPartition) {
        node->setDetail(relation.partitionBound);
    } else if (relation.kind == CatalogRelation::Kind::PartitionedTable) {
        node->setDetail(tr("partitioned by %1").arg(relation.partitionKey));
    } else if (relation.kind == CatalogRelation::Kind::ForeignTable) {
        node->setDetail(tr("foreign, server %1").arg(relation.foreignServer));
    } else if (relation.kind == CatalogRelation::Kind::Sequence) {
        QString detail = relation.sequenceType;
        const QString column = relation.ownedByTable + u'.' + relation.ownedByColumn;
        if (relation.ownerDependency == 'i')
            detail = tr("%1, identity of %2").arg(detail, column);
        else if (relation.ownerDependency == 'a')
            detail = tr("%1, owned by %2").arg(detail, column);
        node->setDetail(detail);
    }
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::columnNode(const CatalogColumn &column)
{
    auto node = std::make_unique<SchemaNode>(Kind::Column, column.name);
    node->setSubId(column.number);
    node->setOid(column.relationOid);
    QString detail = column.type;
    if (column.notNull)
        detail += tr(", not null");
    if (column.identity)
        detail += tr(", identity");
    if (column.generated)
        detail += tr(", generated");
    node->setDetail(detail);
    node->setKeyColumn(column.primaryKeyPart);
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::constraintNode(const CatalogConstraint &constraint)
{
    auto node = std::make_unique<SchemaNode>(Kind::Constraint, constraint.name);
    node->setOid(constraint.oid);
    node->setCode(constraint.type);
    QString detail;
    switch (constraint.type) {
    case 'p':
        detail = tr("primary key");
        break;
    case 'f':
        detail = tr("foreign key → %1")
                     .arg(SqlIdentifier::qualified(constraint.referencedSchema,
                                                   constraint.referencedTable));
        break;
    case 'u':
        detail = tr("unique");
        break;
    case 'c':
        detail = tr("check");
        break;
    case 'x':
        detail = tr("exclusion");
        break;
    case 't':
        detail = tr("constraint trigger");
        break;
    }
    if (!constraint.validated) {
        detail += tr(", not valid");
        node->setWarning(true);
    }
    node->setDetail(detail);
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::indexNode(const CatalogIndex &index,
                                                         const QString &schema)
{
    auto node = std::make_unique<SchemaNode>(Kind::Index, index.name);
    node->setOid(index.oid);
    node->setSchemaName(schema);
    QString detail = indexShape(index.definition);
    if (index.unique && !index.primary)
        detail = tr("unique %1").arg(detail);
    if (!index.valid) {
        detail += tr(", invalid");
        node->setWarning(true);
    }
    node->setDetail(detail);
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::triggerNode(const CatalogTrigger &trigger)
{
    auto node = std::make_unique<SchemaNode>(Kind::Trigger, trigger.name);
    node->setOid(trigger.oid);
    QString detail;
    if (!trigger.function.isEmpty())
        detail = QStringLiteral("→ %1()").arg(
            SqlIdentifier::qualified(trigger.functionSchema, trigger.function));
    if (trigger.enabled == 'D') {
        detail += tr(", disabled");
        node->setWarning(true);
    }
    node->setDetail(detail);
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::routineNode(const CatalogRoutine &routine)
{
    const Kind kind = routine.kind == 'p'   ? Kind::Procedure
                      : routine.kind == 'a' ? Kind::Aggregate
                                            : Kind::Function;
    auto node = std::make_unique<SchemaNode>(kind, routine.name);
    node->setOid(routine.oid);
    node->setSchemaName(routine.schema);
    node->setCode(routine.kind);
    QString detail = u'(' + routine.arguments + u')';
    if (!routine.result.isEmpty())
        detail += QStringLiteral(" → ") + routine.result;
    node->setDetail(detail);
    return node;
}

std::unique_ptr<SchemaNode> SchemaTreeBuilder::typeNode(const CatalogType &type)
{
    auto node = std::make_unique<SchemaNode>(Kind::Type, type.name);
    node->setOid(type.oid);
    node->setSchemaName(type.schema);
    node->setCode(type.kind);
    switch (type.kind) {
    case 'e':
        node->setDetail(type.enumLabels.size() == 1
                            ? tr("enum (1 value)")
                            : tr("enum (%n values)", nullptr, int(type.enumLabels.size())));
        break;
    case 'c':
        node->setDetail(tr("composite"));
        break;
    case 'd':
        node->setDetail(tr("domain over %1").arg(type.baseType));
        break;
    case 'r':
        node->setDetail(tr("range of %1").arg(type.rangeSubtype));
        break;
    default:
        node->setDetail(tr("base type"));
        break;
    }
    return node;
}

SchemaNodeList SchemaTreeBuilder::topLevel(const QList<CatalogSchema> &schemas,
                                           const QList<CatalogExtension> &extensions,
                                           bool withExtensionsFolder)
{
    SchemaNodeList nodes;
    nodes.reserve(std::size_t(schemas.size()) + 1);
    for (const CatalogSchema &schema : schemas)
        nodes.push_back(schemaNode(schema));
    if (withExtensionsFolder) {
        SchemaNodeList children;
        for (const CatalogExtension &extension : extensions) {
            auto node = std::make_unique<SchemaNode>(Kind::Extension, extension.name);
            node->setOid(extension.oid);
            node->setDetail(extension.version);
            children.push_back(std::move(node));
        }
        nodes.push_back(folder(Kind::Extension, std::move(children)));
    }
    return nodes;
}

SchemaTreeBuilder::PartsByRelation SchemaTreeBuilder::groupParts(const Catalog &catalog,
                                                                 bool partitionsByParent)
{
    PartsByRelation parts;
    for (const CatalogColumn &column : catalog.columns)
        parts[column.relationOid].columns.append(&column);
    for (const CatalogConstraint &constraint : catalog.constraints)
        parts[constraint.relationOid].constraints.append(&constraint);
    for (const CatalogIndex &index : catalog.indexes)
        parts[index.relationOid].indexes.append(&index);
    for (const CatalogTrigger &trigger : catalog.triggers)
        parts[trigger.relationOid].triggers.append(&trigger);
    if (partitionsByParent) {
        for (const CatalogRelation &relation : catalog.relations) {
            if (relation.isPartition)
                parts[relation.parentOid].partitions.append(&relation);
        }
    }
    return parts;
}

SchemaNodeList SchemaTreeBuilder::schemaFolders(const SchemaObjects &objects,
                                                const PartsByRelation *allParts)
{
    SchemaNodeList tables, views, materialized, sequences;
    for (const CatalogRelation *relation : objects.relations) {
        if (relation->isPartition)
            continue; // under its parent's Partitions folder
        auto node = relationNode(*relation);
        fill(*node, allParts);
        switch (relation->kind) {
        case CatalogRelation::Kind::View:
            views.push_back(std::move(node));
            break;
        case CatalogRelation::Kind::MaterializedView:
            materialized.push_back(std::move(node));
            break;
        case CatalogRelation::Kind::Sequence:
            sequences.push_back(std::move(node));
            break;
        default:
            tables.push_back(std::move(node));
            break;
        }
    }
    SchemaNodeList functions, procedures, aggregates, types;
    for (const CatalogRoutine *routine : objects.routines) {
        auto node = routineNode(*routine);
        if (node->kind() == Kind::Procedure)
            procedures.push_back(std::move(node));
        else if (node->kind() == Kind::Aggregate)
            aggregates.push_back(std::move(node));
        else
            functions.push_back(std::move(node));
    }
    for (const CatalogType *type : objects.types)
        types.push_back(typeNode(*type));

    SchemaNodeList folders;
    auto add = [&folders](Kind content, SchemaNodeList &children) {
        if (!children.empty())
            folders.push_back(folder(content, std::move(children)));
    };
    add(Kind::Table, tables);
    add(Kind::View, views);
    add(Kind::MaterializedView, materialized);
    add(Kind::Sequence, sequences);
    add(Kind::Function, functions);
    add(Kind::Procedure, procedures);
    add(Kind::Aggregate, aggregates);
    add(Kind::Type, types);
    return folders;
}

SchemaNodeList SchemaTreeBuilder::relationFolders(const RelationParts &parts,
                                                  const QString &schema,
                                                  const PartsByRelation *allParts)
{
    QSet<int> keyColumns;
    for (const CatalogConstraint *constraint : parts.constraints) {
        if (constraint->type == 'p') {
            for (int column : constraint->columns)
                keyColumns.insert(column);
        }
    }
    SchemaNodeList columns, constraints, indexes, triggers, partitions;
    columns.reserve(std::size_t(parts.columns.size()));
    for (const CatalogColumn *column : parts.columns) {
        auto node = columnNode(*column);
        if (keyColumns.contains(column->number))
            node->setKeyColumn(true);
        columns.push_back(std::move(node));
    }
    for (const CatalogConstraint *constraint : parts.constraints)
        constraints.push_back(constraintNode(*constraint));
    for (const CatalogIndex *index : parts.indexes)
        indexes.push_back(indexNode(*index, schema));
    for (const CatalogTrigger *trigger : parts.triggers)
        triggers.push_back(triggerNode(*trigger));
    for (const CatalogRelation *partition : parts.partitions) {
        auto node = relationNode(*partition);
        fill(*node, allParts);
        partitions.push_back(std::move(node));
    }

    SchemaNodeList folders;
    // Columns always show, even when there are none; the rest only when they hold something.
    folders.push_back(folder(Kind::Column, std::move(columns)));
    auto add = [&folders](Kind content, SchemaNodeList &children, char code = 0) {
        if (!children.empty())
            folders.push_back(folder(content, std::move(children), code));
    };
    add(Kind::Constraint, constraints);
    add(Kind::Index, indexes);
    add(Kind::Trigger, triggers);
    add(Kind::Table, partitions, 'P');
    return folders;
}

void SchemaTreeBuilder::fill(SchemaNode &relation, const PartsByRelation *allParts)
{
    if (!allParts || !relation.isLazy())
        return;
    const RelationParts parts = allParts->value(relation.oid());
    relation.appendChildren(relationFolders(parts, relation.schemaName(), allParts));
    relation.setState(SchemaNode::State::Loaded);
}

SchemaNodeList SchemaTreeBuilder::schemaContents(const Catalog &catalog)
{
    SchemaObjects objects;
    for (const CatalogRelation &relation : catalog.relations)
        objects.relations.append(&relation);
    for (const CatalogRoutine &routine : catalog.routines)
        objects.routines.append(&routine);
    for (const CatalogType &type : catalog.types)
        objects.types.append(&type);
    return schemaFolders(objects, nullptr);
}

SchemaNodeList SchemaTreeBuilder::relationContents(const Catalog &catalog,
                                                   CatalogOid relation,
                                                   const QString &schema)
{
    const PartsByRelation parts = groupParts(catalog, true);
    return relationFolders(parts.value(relation), schema, nullptr);
}

SchemaNodeList SchemaTreeBuilder::everything(const Catalog &catalog, bool withExtensionsFolder)
{
    const PartsByRelation parts = groupParts(catalog, true);
    QHash<CatalogOid, SchemaObjects> bySchema;
    for (const CatalogRelation &relation : catalog.relations)
        bySchema[relation.schemaOid].relations.append(&relation);
    for (const CatalogRoutine &routine : catalog.routines)
        bySchema[routine.schemaOid].routines.append(&routine);
    for (const CatalogType &type : catalog.types)
        bySchema[type.schemaOid].types.append(&type);

    SchemaNodeList nodes = topLevel(catalog.schemas, catalog.extensions, withExtensionsFolder);
    for (auto &node : nodes) {
        if (node->kind() != Kind::Schema)
            continue;
        node->appendChildren(schemaFolders(bySchema.value(node->oid()), &parts));
        node->setState(SchemaNode::State::Loaded);
    }
    return nodes;
}
