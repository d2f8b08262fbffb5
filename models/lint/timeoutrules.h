#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Session timeouts set before the first schema change of a file: require-lock-timeout,
// require-statement-timeout.
class TimeoutRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(TimeoutRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;
};
