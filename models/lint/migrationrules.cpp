#include "migrationrules.h"

QList<RuleInfo> MigrationRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(SyntaxError),
         S::Error,
         C::Breaking,
         tr("PostgreSQL's grammar rejects this statement."),
         tr("None: the statement fails, and with it the migration."),
         tr("The server will refuse the statement; in a transactional migration everything "
            "before it is rolled back, otherwise the migration stops half applied."),
         tr("Fix the statement; psql meta-commands (\\set, \\echo) and COPY … FROM stdin data "
            "are understood and are not the cause.")},
        {QString::fromLatin1(MissingRollback),
         S::Warning,
         C::Style,
         tr("This versioned migration has no rollback script."),
         tr("None."),
         tr("Without a down script, undoing the migration in an incident means writing one "
            "under pressure."),
         tr("Add the rollback next to it in the folder's convention: U<version>__… (Flyway), "
            "rollback/R<version>__…, <version>_….down.sql, or a -- migrate:down section "
            "(dbmate).")},
    };
}
