#pragma once

#include "rulefamily.h"

#include "sql/pgnode.h"

#include <QCoreApplication>

// Adding, changing, dropping and renaming columns of tables that already exist:
// adding-field-with-default, adding-required-field, adding-not-nullable-field,
// changing-column-type, ban-drop-column, ban-drop-not-null, renaming-column.
class ColumnRules final : public RuleFamily
{
    Q_DECLARE_TR_FUNCTIONS(ColumnRules)

public:
    QList<RuleInfo> rules() const override;
    void check(const StatementContext &context) const override;

private:
    void checkAddColumn(const StatementContext &context,
                        const QString &table,
                        const PgNode &column) const;
    void checkTypeChange(const StatementContext &context,
                         const QString &table,
                         const QString &column,
                         const PgNode &def) const;
};
