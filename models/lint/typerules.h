#pragma once

#include "rulefamily.h"

#include "sql/pgnode.h"

#include <QCoreApplication>

// Column types that cause trouble later: prefer-bigint-over-int, prefer-bigint-over-smallint,
// prefer-identity, prefer-text-field, prefer-timestamp-tz, ban-char-field, prefer-jsonb. Applied
// to CREATE TABLE columns, ADD COLUMN and ALTER COLUMN … TYPE.
class TypeRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(TypeRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;

private:
    void checkType(const StatementContext &context,
                   const QString &table,
                   const QString &column,
                   const PgNode &typeName) const;
};
