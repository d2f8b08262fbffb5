#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Scripts that can be run again after failing half way, and names PostgreSQL would cut:
// prefer-robust-stmts, identifier-too-long.
class RobustnessRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(RobustnessRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;

private:
    void checkRobust(const StatementContext &context) const;
    void checkIdentifiers(const StatementContext &context) const;
};
