#include "schemasnapshot.h"

#include "schema/catalogreader.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace {
// Slipway's history lives here; it appears with the first migration and must not count.
const char HistorySchema[] = "slipway";

QString flag(bool on, const char *text)
{
    return on ? QLatin1Char(' ') + QLatin1String(text) : QString();
}
} // namespace

QStringList SchemaSnapshot::capture(Connection &connection, const QStringList &bookkeeping)
{
    QSet<QString> schemas{QLatin1String(HistorySchema)};
    QSet<QString> tables;
    for (const QString &entry : bookkeeping) {
        if (entry.endsWith(QLatin1Char('.')))
            schemas.insert(entry.chopped(1));
        else
            tables.insert(entry);
    }
    const auto skipped = [&](const QString &schema, const QString &name) {
        return schemas.contains(schema) || tables.contains(name)
               || tables.contains(schema + QLatin1Char('.') + name);
    };
    const Catalog catalog = CatalogReader::create(connection)->readEverything(CatalogScope::everything());
    QStringList lines;
    QHash<CatalogOid, QString> relationNames;
    for (const CatalogRelation &relation : catalog.relations) {
        if (skipped(relation.schema, relation.name))
            continue;
        const QString name = relation.schema + QLatin1Char('.') + relation.name;
        relationNames.insert(relation.oid, name);
        QString line = QStringLiteral("relation %1 kind=%2").arg(name, QChar(QLatin1Char(char(relation.kind))));
        if (relation.isPartition)
            line += QStringLiteral(" partition of %1.%2 %3").arg(relation.parentSchema, relation.parentName, relation.partitionBound);
        if (!relation.partitionKey.isEmpty())
            line += QStringLiteral(" partition by ") + relation.partitionKey;
        if (!relation.options.isEmpty())
            line += QStringLiteral(" with ") + relation.options.join(QLatin1Char(','));
        if (!relation.sequenceType.isEmpty())
            line += QStringLiteral(" as ") + relation.sequenceType;
        lines << line;
    }
    for (const CatalogSchema &schema : catalog.schemas) {
        if (!schemas.contains(schema.name))
            lines << QStringLiteral("schema %1").arg(schema.name);
    }
    for (const CatalogColumn &column : catalog.columns) {
        const QString relation = relationNames.value(column.relationOid);
        if (relation.isEmpty())
            continue;
        lines << QStringLiteral("column %1.%2 %3%4%5%6")
                     .arg(relation, column.name, column.type, flag(column.notNull, "NOT NULL"),
                          column.defaultExpression.isNull() ? QString() : QStringLiteral(" DEFAULT ") + column.defaultExpression,
                          column.collation.isEmpty() ? QString() : QStringLiteral(" COLLATE ") + column.collation);
    }
    for (const CatalogConstraint &constraint : catalog.constraints) {
        const QString relation = relationNames.value(constraint.relationOid);
        if (!relation.isEmpty())
            lines << QStringLiteral("constraint %1 %2 %3%4")
                         .arg(relation, constraint.name, constraint.definition, flag(!constraint.validated, "NOT VALID"));
    }
    for (const CatalogIndex &index : catalog.indexes) {
        const QString relation = relationNames.value(index.relationOid);
        if (!relation.isEmpty())
            lines << QStringLiteral("index %1 %2%3").arg(relation, index.definition, flag(!index.valid, "INVALID"));
    }
    for (const CatalogTrigger &trigger : catalog.triggers) {
        const QString relation = relationNames.value(trigger.relationOid);
        if (!relation.isEmpty())
            lines << QStringLiteral("trigger %1 %2").arg(relation, trigger.definition);
    }
    for (const CatalogRoutine &routine : catalog.routines) {
        if (!schemas.contains(routine.schema))
            lines << QStringLiteral("routine %1.%2 returns %3 language %4")
                         .arg(routine.schema, routine.signature(), routine.result, routine.language);
    }
    for (const CatalogType &type : catalog.types) {
        QStringList parts;
        for (const auto &attribute : type.attributes)
            parts << attribute.first + QLatin1Char(' ') + attribute.second;
        for (const auto &constraint : type.constraints)
            parts << constraint.first + QLatin1Char(' ') + constraint.second;
        lines << QStringLiteral("type %1.%2 kind=%3 %4 %5 %6")
                     .arg(type.schema, type.name, QChar(QLatin1Char(type.kind)), type.baseType, type.enumLabels.join(QLatin1Char(',')),
                          parts.join(QStringLiteral(", ")))
                     .trimmed();
    }
    for (const CatalogExtension &extension : catalog.extensions)
        lines << QStringLiteral("extension %1 %2").arg(extension.name, extension.version);
    std::sort(lines.begin(), lines.end());
    return lines;
}

QStringList SchemaSnapshot::diff(const QStringList &before, const QStringList &after)
{
    const QSet<QString> old(before.cbegin(), before.cend());
    const QSet<QString> now(after.cbegin(), after.cend());
    QStringList changes;
    for (const QString &line : before) {
        if (!now.contains(line))
            changes << QStringLiteral("- ") + line;
    }
    for (const QString &line : after) {
        if (!old.contains(line))
            changes << QStringLiteral("+ ") + line;
    }
    std::stable_sort(changes.begin(), changes.end(), [](const QString &a, const QString &b) { return a.mid(2) < b.mid(2); });
    return changes;
}
