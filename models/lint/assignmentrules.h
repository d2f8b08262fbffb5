#pragma once

#include "rulefamily.h"

#include <QCoreApplication>

// Statements that parse but that PostgreSQL rejects when they run because a column is named
// twice: ban-duplicate-column-assignments (UPDATE … SET, INSERT column lists, ON CONFLICT and
// MERGE actions, CREATE TABLE, CREATE VIEW, CREATE TABLE AS, SELECT INTO).
class AssignmentRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(AssignmentRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;

private:
    void reportDuplicates(const StatementContext &context,
                          const QStringList &names,
                          const QString &where) const;
};
