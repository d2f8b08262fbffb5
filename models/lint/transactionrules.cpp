#include "transactionrules.h"

#include "statementcontext.h"

namespace {
constexpr char Nesting[] = "transaction-nesting";
constexpr char Uncommitted[] = "ban-uncommitted-transaction";
} // namespace

QList<RuleInfo> TransactionRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(Nesting),
         S::Error,
         C::Transaction,
         tr("BEGIN or COMMIT inside a transaction that is already open."),
         tr("None: PostgreSQL only warns (there is already a transaction in progress / there is "
            "no transaction in progress)."),
         tr("A nested BEGIN does nothing, so its COMMIT ends the outer transaction early: the "
            "rest of the migration runs outside it and can no longer be rolled back as a "
            "whole. A COMMIT inside a tool-managed transaction does the same."),
         tr("Let the migration tool manage the transaction, or mark the file to run without one "
            "and manage BEGIN/COMMIT yourself.")},
        {QString::fromLatin1(Uncommitted),
         S::Error,
         C::Transaction,
         tr("A transaction is opened and never committed."),
         tr("Every lock taken after BEGIN stays held until the session ends."),
         tr("When the file ends inside BEGIN, the changes are rolled back when the session "
            "closes, or stay pending while locks pile up."),
         tr("End the file with COMMIT (or let the migration tool handle the transaction).")},
    };
}

void TransactionRules::check(const StatementContext &context) const
{
    if (context.type() != "TransactionStmt")
        return;
    const LintState &state = context.state();
    const std::string_view kind = context.node().field("kind").view();
    // In a query string's implicit transaction block (Prisma, golang-migrate, dbmate's
    // transaction:false), BEGIN makes the block explicit without a warning: no nesting.
    const bool toolTransaction = state.toolTransactionOpen() && !state.toolTransactionImplicit();
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
        if (state.inExplicitTransaction() && state.toolTransactionImplicit())
            context.report(Nesting, tr("BEGIN while a transaction is already open."));
        else if (toolTransaction)
            context.report(Nesting,
                           tr("BEGIN inside the transaction the migration tool already opened "
                              "for this file."));
        else if (state.inExplicitTransaction())
            context.report(Nesting, tr("BEGIN while a transaction is already open."));
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK") {
        const QString verb = kind == "TRANS_STMT_COMMIT" ? QStringLiteral("COMMIT")
                                                         : QStringLiteral("ROLLBACK");
        // Without a BEGIN of its own, COMMIT in an implicit block commits what came before
        // (PostgreSQL only warns) and the rest runs in a new block.
        if (state.toolTransactionOpen()
            && !(state.toolTransactionImplicit() && state.inExplicitTransaction()))
            context.report(Nesting,
                           tr("%1 ends the transaction the migration tool manages for this file.")
                               .arg(verb));
        else if (!state.inExplicitTransaction())
            context.report(Nesting, tr("%1 without an open transaction.").arg(verb));
    }
}

void TransactionRules::finishFile(const LintState &state, QList<RawFinding> *findings) const
{
    // A query string that ends inside its own BEGIN leaves the transaction open on the tool's
    // connection, as a script without a tool transaction would.
    if (state.inExplicitTransaction()
        && (!state.assumesTransaction() || state.toolTransactionImplicit()))
        findings->append({QString::fromLatin1(Uncommitted),
                          tr("This BEGIN is never followed by COMMIT or ROLLBACK."),
                          {},
                          state.openedAtStatement()});
}
