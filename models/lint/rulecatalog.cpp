#include "rulecatalog.h"

#include "assignmentrules.h"
#include "columnrules.h"
#include "constraintrules.h"
#include "datarules.h"
#include "domainrules.h"
#include "indexrules.h"
#include "migrationrules.h"
#include "robustnessrules.h"
#include "tablerules.h"
#include "timeoutrules.h"
#include "toolrules.h"
#include "transactionrules.h"
#include "typerules.h"

#include <QHash>

#include <algorithm>

namespace RuleCatalog {

const QList<const RuleFamily *> &families()
{
    static const IndexRules index;
    static const ConstraintRules constraint;
    static const ColumnRules column;
    static const TableRules table;
    static const DomainRules domain;
    static const TransactionRules transaction;
    static const TimeoutRules timeout;
    static const RobustnessRules robustness;
    static const DataRules data;
    static const TypeRules type;
    static const MigrationRules migration;
    static const AssignmentRules assignment;
    static const ToolRules tool;
    static const QList<const RuleFamily *> all{&index,
                                               &constraint,
                                               &column,
                                               &table,
                                               &domain,
                                               &transaction,
                                               &timeout,
                                               &robustness,
                                               &data,
                                               &type,
                                               &migration,
                                               &assignment,
                                               &tool};
    return all;
}

QList<RuleInfo> rules()
{
    QList<RuleInfo> all;
    for (const RuleFamily *family : families())
        all.append(family->rules());
    std::sort(all.begin(), all.end(), [](const RuleInfo &a, const RuleInfo &b) {
        return a.id < b.id;
    });
    return all;
}

QString canonicalId(const QString &id)
{
    static const QHash<QString, QString> aliases{
        {QStringLiteral("prefer-timestamptz"), QStringLiteral("prefer-timestamp-tz")},
    };
    const QString lowered = id.trimmed().toLower();
    const QString candidate = aliases.value(lowered, lowered);
    for (const RuleFamily *family : families()) {
        for (const RuleInfo &info : family->rules()) {
            if (info.id == candidate)
                return candidate;
        }
    }
    return {};
}

std::optional<RuleInfo> rule(const QString &id)
{
    const QString canonical = canonicalId(id);
    for (const RuleFamily *family : families()) {
        for (const RuleInfo &info : family->rules()) {
            if (info.id == canonical)
                return info;
        }
    }
    return std::nullopt;
}

} // namespace RuleCatalog
