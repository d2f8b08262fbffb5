#pragma once

#include "knownschema.h"
#include "lintoptions.h"
#include "tooltransaction.h"

#include "sql/pgnode.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

// A constraint the linter has seen added or validated (in this file or an earlier migration).
struct ConstraintFact
{
    QString table;
    QString type;          // "CONSTR_CHECK", "CONSTR_FOREIGN" …; empty when only validated
    QString notNullColumn; // CHECK (col IS NOT NULL)
    bool validated = false;
    int transaction = -1; // the transaction it was added in
};

// What the statements read so far tell about the session and the database: the transaction the
// next statement runs in, tables created by this migration, constraints and their validation,
// timeouts set, and the known schema. Rules read it as it was before their statement; the
// linter then applies the statement. One per lint run; not shared between threads.
class LintState
{
public:
    explicit LintState(const LintOptions &options = {});

    // A value ALTER TYPE … ADD VALUE added, and the transaction it was added in.
    struct NewEnumValue
    {
        QString type;
        int transaction = -1;
        bool earlierFile = false; // by an earlier migration run in the same transaction (Drizzle)
    };

    // A new file (migration): per-file facts reset, constraints and the schema carry over.
    // `assumeInTransaction`: the migration tool runs the file in one transaction. `toolRun`: how
    // the folder's own tool runs it (unset for Slipway's engine and plain scripts).
    void beginFile(bool assumeInTransaction,
                   int sqlStatementCount,
                   const std::optional<ToolTransaction::Run> &toolRun = std::nullopt);
    // Records the statement's effects; a null node (a statement that did not parse) only counts.
    void apply(const PgNode &statement);

    const LintOptions &options() const { return m_options; }
    int pgVersion() const { return m_options.pgVersion; }

    // Transactions.
    bool inExplicitTransaction() const { return m_explicitTransaction; }
    bool assumesTransaction() const { return m_assumeInTransaction; }
    bool toolTransactionOpen() const { return m_toolTransactionOpen; }
    bool inTransaction() const { return m_explicitTransaction || m_toolTransactionOpen; }
    int transactionId() const { return m_transactionId; }
    int openedAtStatement() const { return m_beginStatement; } // index of the open BEGIN
    // How the folder's tool runs this file; null for Slipway's engine and plain scripts.
    const ToolTransaction::Run *toolRun() const { return m_toolRun ? &*m_toolRun : nullptr; }
    // The tool's transaction is the implicit block of a multi-statement query string: BEGIN
    // turns it into an explicit one and COMMIT ends it, both without a warning.
    bool toolTransactionImplicit() const
    {
        return m_toolRun && m_toolRun->mode == ToolTransaction::Mode::Implicit;
    }
    // A file of a single statement runs outside the transaction the tool would open: Slipway's
    // engine runs a lone non-transactional statement on its own, and a query string of one
    // statement is no transaction block. Other tools open their transaction regardless.
    bool loneStatementRunsOutside() const { return !m_toolRun || toolTransactionImplicit(); }
    // A statement PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY,
    // VACUUM …) would run inside one here.
    bool refusesNonTransactional() const
    {
        return m_explicitTransaction
               || (m_toolTransactionOpen
                   && (m_sqlStatementCount > 1 || !loneStatementRunsOutside()));
    }
    // The enum value `label` added earlier in the transaction the next statement runs in.
    const NewEnumValue *newEnumValueInTransaction(const QString &label) const;

    // This file.
    int sqlStatementCount() const { return m_sqlStatementCount; }
    int statementIndex() const { return m_statementIndex; } // of the statement being checked
    bool createdInThisMigration(const QString &table) const
    {
        return m_createdTables.contains(table);
    }
    bool lockTimeoutSet() const { return m_lockTimeout; }
    bool statementTimeoutSet() const { return m_statementTimeout; }
    // A constraint dropped earlier in the file; `addedBack`: added again since.
    bool wasDropped(const QString &constraint) const { return m_dropped.contains(constraint); }
    bool addedBackAfterDrop(const QString &constraint) const { return m_dropped.value(constraint); }
    // A DDL statement came before the one being checked (timeouts must be set before that).
    // Concurrent index builds, drops and reindexes do not count: they need no timeout.
    bool sawSchemaChange() const { return m_sawSchemaChange; }

    // Across files.
    const ConstraintFact *constraint(const QString &name) const;
    // A validated CHECK (column IS NOT NULL) on the table: SET NOT NULL can skip its scan (12+).
    bool hasValidatedNotNullCheck(const QString &table, const QString &column) const;
    const KnownSchema &schema() const { return m_schema; }
    KnownSchema &schema() { return m_schema; }

private:
    void applyTransaction(const PgNode &statement);
    void applySet(const PgNode &statement);
    void applyCreateTable(const PgNode &statement);
    void applyAlterTable(const PgNode &statement);
    void applyAddConstraint(const QString &table, const PgNode &constraint);
    void applyIndex(const PgNode &statement);
    void applyRename(const PgNode &statement);
    void applyDrop(const PgNode &statement);
    void applyAlterEnum(const PgNode &statement);

    LintOptions m_options;
    bool m_assumeInTransaction = false;
    std::optional<ToolTransaction::Run> m_toolRun;
    QHash<QString, NewEnumValue> m_newEnumValues; // label → where it was added
    QHash<QString, int> m_newEnumTypes;           // CREATE TYPE … AS ENUM → its transaction
    bool m_toolTransactionOpen = false;
    bool m_explicitTransaction = false;
    int m_transactionId = 0;
    int m_beginStatement = -1;
    int m_sqlStatementCount = 0;
    int m_statementIndex = 0;
    bool m_lockTimeout = false;
    bool m_statementTimeout = false;
    QSet<QString> m_createdTables;
    QHash<QString, bool> m_dropped; // constraint name → added back since
    bool m_sawSchemaChange = false;
    QHash<QString, ConstraintFact> m_constraints;
    KnownSchema m_schema;
};
