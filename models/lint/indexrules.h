#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Index builds, drops and rebuilds, and the CONCURRENTLY forms that must run outside a
// transaction: require-concurrent-index-creation, require-concurrent-index-deletion,
// require-concurrent-reindex, require-concurrent-partition-detach,
// ban-concurrent-index-creation-in-transaction; and index-too-many-columns, advice on what a
// CREATE INDEX builds rather than how.
class IndexRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(IndexRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;
};
