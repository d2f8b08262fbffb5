#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

// One thing the engine does for a migration script, in order.
struct MigrationStep
{
    enum class Kind {
        Sql,    // a statement for the server
        CopyIn, // COPY … FROM STDIN with its inline data
        Echo,   // psql's \echo: a line for the log
    };

    Kind kind = Kind::Sql;
    QString sql;         // Sql / CopyIn: the statement (variables interpolated); Echo: the text
    QByteArray copyData; // CopyIn: the data lines, without the terminating \. line
    QString file;        // the file it comes from (\i includes name their own file)
    int line = 1;        // 1-based line of its first character in that file
    // Why PostgreSQL refuses it inside a transaction block ("CREATE INDEX CONCURRENTLY"), or empty.
    QString nonTransactional;
    // A transaction statement in a migration that runs outside a transaction, which the dry run
    // does not send: its own transaction stands in for BEGIN and COMMIT; anything else (ROLLBACK,
    // SAVEPOINT, PREPARE TRANSACTION) is reported as not rehearsed.
    enum class Control { None, BeginOrCommit, Other };
    Control control = Control::None;

    bool isStatement() const { return kind != Kind::Echo; }
};

// A migration script made ready to run: split by PostgreSQL's grammar (StatementSplitter), with
// the psql features migrations use handled here — `\set` / `\unset`, `\echo`, `\i` / `\ir`
// includes, `:var`, `:'var'` and `:"var"` interpolation and `COPY … FROM stdin` data up to `\.`.
// Any other meta-command is an error naming the file and line, as is a file that mixes
// statements which must run outside a transaction with ones that run inside one without the
// `-- slipway:no-transaction` marker. In a migration that runs in one transaction, a BEGIN at the
// top and a COMMIT at the bottom are dropped (the engine opens and commits the transaction
// together with its history row); any other COMMIT or ROLLBACK there is an error.
// Pure function of the files and variables; thread-safe.
class MigrationScript
{
    Q_DECLARE_TR_FUNCTIONS(MigrationScript)

public:
    using Variables = QHash<QString, QString>;

    // `path` names the file in messages and anchors `\ir`; `text` is its content (for dbmate the
    // section to run, as MigrationFolder::readUp/readDown return it). `\i` paths are resolved
    // against `baseDirectory` (the migration folder), as if psql ran there.
    static MigrationScript prepare(const QString &path,
                                   const QString &text,
                                   const QString &baseDirectory,
                                   const Variables &variables = {});

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; } // "file:line: what is wrong and what to do"

    const QList<MigrationStep> &steps() const { return m_steps; }
    int statementCount() const;
    // True when the migration runs statement by statement without a transaction: declared by the
    // marker, or every statement that matters needs it (a lone CREATE INDEX CONCURRENTLY).
    bool runsOutsideTransaction() const { return m_outsideTransaction; }
    bool declaredNoTransaction() const { return m_declared; }

    // SHA-256 (hex) of a file's bytes with CRLF and CR line ends read as LF, so a checkout on
    // another platform does not change it.
    static QString checksum(const QByteArray &fileContent);

private:
    struct Context;
    void include(const QString &path, const QString &text, Context &context, int depth);
    bool runMetaCommand(const QString &command, const QString &file, int line, Context &context, int depth);
    void classify(const QString &path, const Context &context);
    void fail(const QString &file, int line, const QString &message);

    QList<MigrationStep> m_steps;
    QString m_error;
    bool m_declared = false;
    bool m_outsideTransaction = false;
};
