#pragma once

#include <QCoreApplication>
#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

class ParsedScript;

// What running each statement of a script does to a database, read from PostgreSQL's own
// grammar (libpg_query, through ParsedScript, so a script is cut exactly as psql, the console,
// the linter and the migration engine cut it). One job: say for every statement whether it
// writes data, changes the schema, takes a lock that blocks writers, or runs code the text does
// not show, each with a short translated reason ("DELETE on public.orders", "DROP TABLE t").
// A statement with at least one reason needs confirmation on a production connection.
//
// The rules, and why:
// - Anything PostgreSQL's grammar rejects needs confirmation (fail closed): a statement that
//   cannot be read cannot be shown to be harmless, and the server may read it differently (a
//   newer server's syntax, psql variables).
// - Only statement kinds known to leave data, schema and locks alone pass: SELECT, VALUES,
//   TABLE, SHOW, SET/RESET, EXPLAIN without ANALYZE, transaction control, cursors, PREPARE,
//   LISTEN/NOTIFY, DISCARD, CHECKPOINT, plain VACUUM and ANALYZE (SHARE UPDATE EXCLUSIVE does not
//   conflict with ROW EXCLUSIVE: readers and writers go on), LOCK in a mode weaker than SHARE,
//   and objects created TEMPORARY (private to the session). Every other kind needs
//   confirmation, so a kind added to PostgreSQL later is caught too.
// - Inside those, the whole tree is searched: a data-modifying WITH, SELECT INTO, FOR
//   UPDATE/SHARE row locks (they write the lock into each row and block its writers until the
//   transaction ends), and calls of built-in functions with effects beyond the query
//   (pg_terminate_backend, setval, lo_unlink, dblink_exec, replication slots, …).
// - EXPLAIN ANALYZE runs its statement, so it is judged as that statement; plain EXPLAIN is not.
// - Functions. A SELECT calling a user-defined function is not flagged. Whether a function
//   writes depends on its body, and on the triggers, rules and views it reaches, which the text
//   does not show (a plain SELECT on a view can write the same way); nothing short of running it
//   can tell. Prompting on every function call would prompt on most reports and teach users to
//   type the database name without reading the reason, which defeats the guard. CALL, DO and
//   EXECUTE of a statement prepared elsewhere do prompt: they exist to run code. The guard is a
//   confirmation against mistakes, not a sandbox; a connection that must never write needs a
//   role without write privileges or default_transaction_read_only, which the server enforces.
// - A temporary object only counts as temporary when the text says so (CREATE TEMP …, or a
//   pg_temp-qualified name). An unqualified name may resolve to a permanent table of the same
//   name (search_path can list pg_temp last), so writes to it need confirmation.
// - psql meta-commands: \copy … from writes; \i, \ir, \gexec, \!, \e, output piped to a program
//   (\g |cmd, \o |cmd) and psql commands not known to be harmless need confirmation, since
//   what they run is not in the text.
// Pure function of the text; thread-safe.
class StatementEffect
{
    Q_DECLARE_TR_FUNCTIONS(StatementEffect)

public:
    enum Effect : unsigned {
        WritesData = 0x01,    // rows change: INSERT, UPDATE, DELETE, MERGE, COPY … FROM, TRUNCATE
        ChangesSchema = 0x02, // DDL, privileges, roles, server configuration
        LocksTables = 0x04,   // a table lock that blocks writers (SHARE or stronger)
        LocksRows = 0x08,     // SELECT … FOR UPDATE / SHARE
        RunsCode = 0x10,      // runs code the text does not show: DO, CALL, \i, …
        Unparsed = 0x20,      // the grammar rejected it
    };
    Q_DECLARE_FLAGS(Effects, Effect)

    struct Reason
    {
        Effects effects;
        // Irreversible and typically broad: TRUNCATE, DROP, UPDATE or DELETE without WHERE.
        bool severe = false;
        QString text; // translated, e.g. "DELETE on public.orders"
    };

    // One SQL statement or psql meta-command line of the script.
    struct Statement
    {
        int index = -1; // into SqlScript::statements() of the parsed script
        int start = 0;  // characters
        int length = 0;
        int line = 1;
        QList<Reason> reasons; // empty: runs without confirmation

        bool needsConfirmation() const { return !reasons.isEmpty(); }
        Effects effects() const;
        bool isSevere() const;
        QStringList texts() const;
    };

    // Every SQL statement and meta-command of the script, in order (COPY data and text in \if
    // branches psql skips are left out).
    static QList<Statement> classify(const QString &script);
    static QList<Statement> classify(const ParsedScript &script);

    // The reasons of every statement needing confirmation, severe ones first, without
    // duplicates; empty when the script can run without asking.
    static QStringList reasons(const QString &script);
};

Q_DECLARE_OPERATORS_FOR_FLAGS(StatementEffect::Effects)
