#pragma once

#include "rulefamily.h"

#include "sql/pgnode.h"

#include <QCoreApplication>

// Constraints added to tables that already hold rows: adding-foreign-key-constraint,
// constraint-missing-not-valid, disallowed-unique-constraint, adding-serial-primary-key-field.
// Tables created earlier in the same migration are empty, so nothing applies to them.
class ConstraintRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(ConstraintRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;

private:
    void checkConstraint(const StatementContext &context,
                         const QString &table,
                         const PgNode &constraint,
                         const QString &column) const;
};
