#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Explicit transaction control inside migrations: transaction-nesting,
// ban-uncommitted-transaction.
class TransactionRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(TransactionRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;
    void finishFile(const LintState &state, QList<RawFinding> *findings) const override;
};
