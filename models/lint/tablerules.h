#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Whole objects going away or changing name: ban-drop-table, renaming-table,
// renaming-enum-value, ban-truncate-cascade, ban-drop-database.
class TableRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(TableRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;
};
