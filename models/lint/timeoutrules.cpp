#include "timeoutrules.h"

#include "lintnodes.h"
#include "statementcontext.h"

namespace {
constexpr char LockTimeout[] = "require-lock-timeout";
constexpr char StatementTimeout[] = "require-statement-timeout";
} // namespace

QList<RuleInfo> TimeoutRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(LockTimeout),
         S::Warning,
         C::Style,
         tr("Schema changes run without a lock_timeout."),
         tr("Whatever the statement needs; while it waits for that lock, every later query on "
            "the table queues behind it."),
         tr("An ALTER waiting for a long-running query holds its place in the lock queue, and "
            "all reads and writes of the table wait behind it: a brief lock becomes an outage. "
            "CREATE INDEX, DROP INDEX and REINDEX with CONCURRENTLY are left out: their lock "
            "lets reads and writes go on while they wait, and a timeout would only cancel the "
            "build and leave an INVALID index behind."),
         tr("SET lock_timeout = '5s' (or less) at the top of the migration, and retry the "
            "migration when it times out.")},
        {QString::fromLatin1(StatementTimeout),
         S::Warning,
         C::Style,
         tr("Schema changes run without a statement_timeout."),
         tr("Whatever the statement takes, for as long as it runs."),
         tr("A statement that unexpectedly scans or rewrites a large table holds its locks "
            "until it finishes, however long that is. CREATE INDEX, DROP INDEX and REINDEX with "
            "CONCURRENTLY are left out: they are slow by design under a lock that lets reads "
            "and writes go on, and cancelling one leaves an INVALID index to clean up."),
         tr("SET statement_timeout = '…' at the top of the migration, sized for the largest "
            "expected step.")},
    };
}

void TimeoutRules::check(const StatementContext &context) const
{
    const LintState &state = context.state();
    if (state.sawSchemaChange() || !LintNodes::isSchemaChange(context.type())
        || LintNodes::isConcurrentIndexChange(context.node()))
        return;
    if (!state.lockTimeoutSet())
        context.report(LockTimeout,
                       tr("This is the first schema change of the file and no lock_timeout is "
                          "set before it."));
    if (!state.statementTimeoutSet())
        context.report(StatementTimeout,
                       tr("This is the first schema change of the file and no statement_timeout "
                          "is set before it."));
}
