#pragma once

#include "rulefamily.h"

#include <QCoreApplication>
#include <QString>

// What only matters inside a transaction, read as the folder's tool runs the file
// (ToolTransaction): ban-non-transactional-statement-in-transaction (VACUUM, CREATE DATABASE …
// inside a transaction block; the CONCURRENTLY forms are IndexRules') and
// ban-new-enum-value-use-in-transaction (ALTER TYPE … ADD VALUE, then the value used before
// the commit).
class ToolRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(ToolRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;

    // `message` about `statement` (StatementKind::nonTransactionalReason), which runs inside a
    // transaction block, followed by what to do about it under the folder's tool when the
    // transaction is the tool's (or, for Sqitch, the script's own).
    static QString withToolFix(const StatementContext &context,
                               const QString &message,
                               const QString &statement);

private:
    void checkNonTransactional(const StatementContext &context) const;
    void checkEnumValues(const StatementContext &context) const;
};
