#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Constraints on domains: ban-create-domain-with-constraint, ban-alter-domain-with-add-constraint.
class DomainRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(DomainRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;
};
