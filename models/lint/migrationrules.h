#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Rules the linter itself reports rather than a statement check: syntax-error (a statement
// PostgreSQL's grammar rejects) and missing-rollback (a versioned migration without a down,
// undo or rollback script, when a folder is linted).
class MigrationRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(MigrationRules)

public:
    static constexpr char SyntaxError[] = "syntax-error";
    static constexpr char MissingRollback[] = "missing-rollback";

    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override { Q_UNUSED(context) }
};
