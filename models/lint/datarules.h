#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Statements that touch every row of an existing table: ban-update-without-where,
// ban-delete-without-where, ban-vacuum-full, ban-cluster.
class DataRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(DataRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;
};
