#include "liquibasepreconditions.h"

#include "db/connection.h"
#include "db/dberror.h"

namespace {

using Action = LiquibasePreconditions::Outcome::Action;

Action actionFor(const QString &setting)
{
    if (setting == QLatin1String("CONTINUE"))
        return Action::Skip;
    if (setting == QLatin1String("MARK_RAN"))
        return Action::MarkRan;
    if (setting == QLatin1String("WARN"))
        return Action::Run;
    return Action::Halt;
}

} // namespace

LiquibasePreconditions::Outcome LiquibasePreconditions::evaluate(Connection &connection,
                                                                 const LiquibaseChangeSet &changeSet)
{
    Outcome outcome;
    for (const LiquibaseChangeSet::SqlCheck &check : changeSet.sqlChecks) {
        QString found;
        try {
            const RowBatch result = connection.fetchAll(check.sql);
            found = result.rowCount() > 0 && result.columnCount() > 0 ? result.text(0, 0)
                                                                      : QString();
        } catch (const DbException &e) {
            outcome.action = actionFor(changeSet.onError);
            outcome.message = tr("%1: the precondition on line %2 could not be checked "
                                 "(onError:%3): %4")
                                  .arg(changeSet.name())
                                  .arg(check.line)
                                  .arg(changeSet.onError, e.error().toDisplayString());
            return outcome;
        }
        if (found.trimmed() == check.expectedResult.trimmed())
            continue;
        outcome.action = actionFor(changeSet.onFail);
        outcome.message = tr("%1: the precondition on line %2 failed (onFail:%3): expected %4, "
                             "the query returned %5")
                              .arg(changeSet.name())
                              .arg(check.line)
                              .arg(changeSet.onFail,
                                   check.expectedResult,
                                   found.isNull() ? tr("no row") : found);
        return outcome;
    }
    return outcome;
}
