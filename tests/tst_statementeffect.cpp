// StatementEffect (models/sql): which statements of a script write data, change the schema, take
// locks that block writers or run code the text does not show, read from PostgreSQL's grammar.
// No server and no GUI: the production guard's decisions are a pure function of the text.
#include "sql/statementeffect.h"

#include <QTest>

using Effects = StatementEffect::Effects;

Q_DECLARE_METATYPE(StatementEffect::Effects)

namespace {

constexpr StatementEffect::Effects None;
constexpr StatementEffect::Effects Writes = StatementEffect::WritesData;
constexpr StatementEffect::Effects Schema = StatementEffect::ChangesSchema;
constexpr StatementEffect::Effects Locks = StatementEffect::LocksTables;
constexpr StatementEffect::Effects Rows = StatementEffect::LocksRows;
constexpr StatementEffect::Effects Code = StatementEffect::RunsCode;
constexpr StatementEffect::Effects Unparsed = StatementEffect::Unparsed;

QString texts(const StatementEffect::Statement &statement)
{
    return statement.texts().join(QStringLiteral(" | "));
}

} // namespace

class TestStatementEffect : public QObject
{
    Q_OBJECT

private slots:
    void classifiesOneStatement_data();
    void classifiesOneStatement();
    void syntaxErrorsFailClosed_data();
    void syntaxErrorsFailClosed();
    void commentsAndBlanksAreNothing_data();
    void commentsAndBlanksAreNothing();
    void classifiesScriptsStatementByStatement();
    void reasonsPutSevereFirstWithoutDuplicates();
    void executeIsJudgedByWhatWasPrepared();
    void psqlMetaCommands();
    void copyDataIsNotAStatement();
    void temporaryOnlyWhenTheTextSaysSo();
};

void TestStatementEffect::classifiesOneStatement_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Effects>("effects");
    QTest::addColumn<bool>("severe");
    QTest::addColumn<QString>("reasons"); // every reason text, joined with " | "

    // Reads and session settings: nothing to confirm.
    QTest::newRow("select") << "SELECT * FROM t" << None << false << "";
    QTest::newRow("select, comments first") << "-- tidy\n/* old */ select 1" << None << false << "";
    QTest::newRow("values") << "VALUES (1), (2)" << None << false << "";
    QTest::newRow("table") << "TABLE t" << None << false << "";
    QTest::newRow("show") << "SHOW work_mem" << None << false << "";
    QTest::newRow("set") << "SET statement_timeout = '5s'" << None << false << "";
    QTest::newRow("set local") << "SET LOCAL lock_timeout = 0" << None << false << "";
    QTest::newRow("reset") << "RESET ALL" << None << false << "";
    QTest::newRow("begin") << "BEGIN" << None << false << "";
    QTest::newRow("start transaction") << "START TRANSACTION READ ONLY" << None << false << "";
    QTest::newRow("commit") << "COMMIT" << None << false << "";
    QTest::newRow("rollback") << "ROLLBACK" << None << false << "";
    QTest::newRow("savepoint") << "SAVEPOINT a" << None << false << "";
    QTest::newRow("explain") << "EXPLAIN SELECT * FROM t" << None << false << "";
    QTest::newRow("explain delete") << "EXPLAIN DELETE FROM t" << None << false << "";
    QTest::newRow("explain analyze off")
        << "EXPLAIN (ANALYZE false, COSTS off) DELETE FROM t" << None << false << "";
    QTest::newRow("string holding DELETE") << "SELECT 'DELETE FROM x'" << None << false << "";
    QTest::newRow("quoted identifiers")
        << "SELECT \"delete\", \"drop\" FROM \"truncate\" AS \"update\"" << None << false << "";
    QTest::newRow("dollar quote holding DROP") << "SELECT $$DROP TABLE t$$" << None << false << "";
    QTest::newRow("tagged dollar quote")
        << "SELECT $q$; DROP TABLE t; $q$ AS x" << None << false << "";
    QTest::newRow("escape string") << "SELECT E'it\\'s; DROP' AS x" << None << false << "";
    QTest::newRow("nested comment") << "/* a /* b */ DROP */ SELECT 1" << None << false << "";
    QTest::newRow("catalog read") << "SELECT confdeltype FROM pg_constraint" << None << false << "";
    QTest::newRow("user function in a select") << "SELECT refresh_totals()" << None << false << "";
    QTest::newRow("nextval") << "SELECT nextval('orders_id_seq')" << None << false << "";
    QTest::newRow("cursor") << "DECLARE c CURSOR FOR SELECT * FROM t" << None << false << "";
    QTest::newRow("fetch") << "FETCH 10 FROM c" << None << false << "";
    QTest::newRow("close") << "CLOSE c" << None << false << "";
    QTest::newRow("prepare a delete") << "PREPARE p AS DELETE FROM t" << None << false << "";
    QTest::newRow("deallocate") << "DEALLOCATE p" << None << false << "";
    QTest::newRow("listen") << "LISTEN jobs" << None << false << "";
    QTest::newRow("notify") << "NOTIFY jobs, 'x'" << None << false << "";
    QTest::newRow("discard") << "DISCARD ALL" << None << false << "";
    QTest::newRow("checkpoint") << "CHECKPOINT" << None << false << "";
    QTest::newRow("vacuum") << "VACUUM (VERBOSE) t" << None << false << "";
    QTest::newRow("vacuum full off") << "VACUUM (FULL false) t" << None << false << "";
    QTest::newRow("analyze") << "ANALYZE t" << None << false << "";
    QTest::newRow("lock share update exclusive")
        << "LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE" << None << false << "";
    QTest::newRow("lock row exclusive") << "LOCK t IN ROW EXCLUSIVE MODE" << None << false << "";
    QTest::newRow("copy to stdout") << "COPY t TO STDOUT" << None << false << "";
    QTest::newRow("copy query to stdout") << "COPY (SELECT 1) TO STDOUT" << None << false << "";
    QTest::newRow("create temp table") << "CREATE TEMP TABLE g (id int)" << None << false << "";
    QTest::newRow("create temp view") << "CREATE TEMP VIEW v AS SELECT 1" << None << false << "";
    QTest::newRow("select into temp") << "SELECT 1 AS a INTO TEMP x" << None << false << "";
    QTest::newRow("insert into pg_temp")
        << "INSERT INTO pg_temp.g VALUES (1)" << None << false << "";
    QTest::newRow("drop pg_temp table") << "DROP TABLE pg_temp.g" << None << false << "";

    // Data changes.
    QTest::newRow("delete") << "DELETE FROM public.orders WHERE id = 1" << Writes << false
                            << "DELETE on public.orders";
    QTest::newRow("delete without where")
        << "delete from orders" << Writes << true << "DELETE without WHERE on orders (every row)";
    QTest::newRow("delete where current of")
        << "DELETE FROM t WHERE CURRENT OF c" << Writes << false << "DELETE on t";
    QTest::newRow("update") << "UPDATE t SET a = 1 WHERE id = 2" << Writes << false
                            << "UPDATE on t";
    QTest::newRow("update without where")
        << "UPDATE t SET a = 1" << Writes << true << "UPDATE without WHERE on t (every row)";
    QTest::newRow("insert") << "INSERT INTO t VALUES (1)" << Writes << false << "INSERT into t";
    QTest::newRow("insert on conflict do nothing")
        << "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING" << Writes << false << "INSERT into t";
    QTest::newRow("upsert") << "INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 1"
                            << Writes << false << "INSERT … ON CONFLICT DO UPDATE on t";
    QTest::newRow("merge") << "MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE" << Writes
                           << false << "MERGE into t";
    QTest::newRow("with delete")
        << "WITH d AS (DELETE FROM t WHERE old RETURNING *) SELECT count(*) FROM d" << Writes
        << false << "DELETE on t (data-modifying WITH)";
    QTest::newRow("with update inside insert")
        << "WITH u AS (UPDATE a SET x = 1 RETURNING id) INSERT INTO b SELECT id FROM u" << Writes
        << true
        << "INSERT into b | UPDATE without WHERE on a (every row) "
           "(data-modifying WITH)";
    QTest::newRow("select into") << "SELECT * INTO archive FROM t" << (Schema | Writes) << false
                                 << "SELECT INTO archive (creates and fills a table)";
    QTest::newRow("create table as") << "CREATE TABLE x AS SELECT 1" << (Schema | Writes) << false
                                     << "CREATE TABLE x AS (creates and fills a table)";
    QTest::newRow("create materialized view")
        << "CREATE MATERIALIZED VIEW m AS SELECT 1" << (Schema | Writes) << false
        << "CREATE MATERIALIZED VIEW m";
    QTest::newRow("refresh materialized view")
        << "REFRESH MATERIALIZED VIEW m" << (Writes | Locks) << false
        << "REFRESH MATERIALIZED VIEW m (replaces its rows under ACCESS EXCLUSIVE)";
    QTest::newRow("copy from stdin")
        << "COPY t FROM STDIN" << Writes << false << "COPY … FROM (loads rows into t)";
    QTest::newRow("copy from file") << "COPY s.t (a, b) FROM '/tmp/x.csv' (FORMAT csv)" << Writes
                                    << false << "COPY … FROM (loads rows into s.t)";
    QTest::newRow("copy from program")
        << "COPY t FROM PROGRAM 'curl -s x'" << (Writes | Code) << false
        << "COPY … PROGRAM 'curl -s x' (runs a shell command on the server) | "
           "COPY … FROM (loads rows into t)";
    QTest::newRow("copy to a server file") << "COPY t TO '/tmp/x'" << Code << false
                                           << "COPY … TO '/tmp/x' (writes a file on the server)";
    QTest::newRow("copy delete returning")
        << "COPY (DELETE FROM t WHERE a RETURNING *) TO STDOUT" << Writes << false << "DELETE on t";
    QTest::newRow("truncate") << "TRUNCATE a, b.c" << Writes << true
                              << "TRUNCATE a, b.c (removes every row)";
    QTest::newRow("commit prepared") << "COMMIT PREPARED 'tx1'" << Writes << false
                                     << "COMMIT PREPARED 'tx1' (commits changes made elsewhere)";

    // Code the text does not show.
    QTest::newRow("do block") << "DO $$ BEGIN DELETE FROM x; END $$" << Code << false
                              << "DO block (may run anything)";
    QTest::newRow("do block, harmless body") << "DO $$ BEGIN RAISE NOTICE 'hi'; END $$" << Code
                                             << false << "DO block (may run anything)";
    QTest::newRow("call") << "CALL archive_orders(30)" << Code << false
                          << "CALL archive_orders (procedure may write)";
    QTest::newRow("execute prepared elsewhere")
        << "EXECUTE p(1)" << Code << false << "EXECUTE p (prepared elsewhere; may write)";
    QTest::newRow("load") << "LOAD 'auto_explain'" << Code << false
                          << "LOAD 'auto_explain' (loads a library into the server)";
    QTest::newRow("setval") << "SELECT pg_catalog.setval('s', 1)" << Code << false
                            << "calls setval() (moves a sequence)";
    QTest::newRow("terminate backend")
        << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle'" << Code
        << false << "calls pg_terminate_backend() (ends or cancels other sessions)";
    QTest::newRow("dblink_exec") << "SELECT public.dblink_exec('other', 'DELETE FROM t')" << Code
                                 << false << "calls dblink_exec() (runs SQL on another database)";
    QTest::newRow("lo_unlink in a subquery")
        << "SELECT 1 WHERE EXISTS (SELECT lo_unlink(oid) FROM x)" << Code << false
        << "calls lo_unlink() (changes large objects or server files)";
    QTest::newRow("advisory lock") << "SELECT pg_advisory_lock(42)" << Code << false
                                   << "calls pg_advisory_lock() (holds an advisory lock until "
                                      "the session ends)";
    QTest::newRow("slot function in FROM")
        << "SELECT * FROM pg_logical_slot_get_changes('s', NULL, NULL)" << Code << false
        << "calls pg_logical_slot_get_changes() (changes replication state)";

    // Row and table locks.
    QTest::newRow("select for update")
        << "SELECT * FROM t WHERE id = 1 FOR UPDATE" << Rows << false
        << "SELECT … FOR UPDATE (locks the rows it reads until the transaction ends)";
    QTest::newRow("select for no key update in a subquery")
        << "SELECT * FROM (SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED) s" << Rows << false
        << "SELECT … FOR NO KEY UPDATE (locks the rows it reads until the transaction ends)";
    QTest::newRow("select for share") << "SELECT 1 FROM t FOR SHARE OF t" << Rows << false
                                      << "SELECT … FOR SHARE (locks the rows it reads until the "
                                         "transaction ends)";
    QTest::newRow("cursor for update")
        << "DECLARE c CURSOR FOR SELECT * FROM t FOR UPDATE" << Rows << false
        << "SELECT … FOR UPDATE (locks the rows it reads until the transaction ends)";
    QTest::newRow("lock access exclusive")
        << "LOCK TABLE t IN ACCESS EXCLUSIVE MODE" << Locks << false
        << "LOCK TABLE t IN ACCESS EXCLUSIVE MODE (blocks reads and writes)";
    QTest::newRow("lock default mode") << "LOCK t" << Locks << false
                                       << "LOCK TABLE t IN ACCESS EXCLUSIVE MODE (blocks reads "
                                          "and writes)";
    QTest::newRow("lock share") << "LOCK TABLE a, b IN SHARE MODE NOWAIT" << Locks << false
                                << "LOCK TABLE a, b IN SHARE MODE (blocks writes)";
    QTest::newRow("vacuum full") << "VACUUM FULL t" << Locks << false
                                 << "VACUUM FULL t (ACCESS EXCLUSIVE, rewrites the table)";
    QTest::newRow("vacuum (full)") << "VACUUM (FULL, ANALYZE) s.t" << Locks << false
                                   << "VACUUM FULL s.t (ACCESS EXCLUSIVE, rewrites the table)";
    QTest::newRow("cluster") << "CLUSTER t USING t_pkey" << Locks << false
                             << "CLUSTER t (ACCESS EXCLUSIVE, rewrites the table)";
    QTest::newRow("reindex") << "REINDEX TABLE t" << Locks << false
                             << "REINDEX t (blocks writes while it rebuilds)";
    QTest::newRow("reindex concurrently") << "REINDEX (CONCURRENTLY) INDEX i" << Schema << false
                                          << "REINDEX CONCURRENTLY i (rebuilds indexes)";
    QTest::newRow("prepare transaction")
        << "PREPARE TRANSACTION 'tx1'" << Locks << false
        << "PREPARE TRANSACTION (keeps its locks until COMMIT/ROLLBACK PREPARED)";

    // Schema, privileges and server configuration.
    QTest::newRow("drop table") << "DROP TABLE a.b, c" << Schema << true << "DROP TABLE a.b, c";
    QTest::newRow("drop table, lower case, comment first")
        << "-- tidy up\n/* old */ drop table if exists t cascade" << Schema << true
        << "DROP TABLE t";
    QTest::newRow("drop index concurrently")
        << "DROP INDEX CONCURRENTLY i" << Schema << true << "DROP INDEX CONCURRENTLY i";
    QTest::newRow("drop schema") << "DROP SCHEMA s CASCADE" << Schema << true << "DROP SCHEMA s";
    QTest::newRow("drop function")
        << "DROP FUNCTION a.f(int)" << Schema << true << "DROP FUNCTION a.f()";
    QTest::newRow("drop database")
        << "DROP DATABASE shop" << Schema << true << "DROP DATABASE shop";
    QTest::newRow("drop owned") << "DROP OWNED BY bob" << Schema << true
                                << "DROP OWNED (drops everything the roles own)";
    QTest::newRow("drop role") << "DROP ROLE bob" << Schema << true << "DROP ROLE";
    QTest::newRow("alter column type")
        << "ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2)" << (Schema | Locks)
        << false
        << "ALTER TABLE public.orders ALTER COLUMN total TYPE (rewrites the table unless the "
           "types are binary compatible)";
    QTest::newRow("alter column type using")
        << "ALTER TABLE t ALTER c TYPE int USING c::int" << (Schema | Locks) << false
        << "ALTER TABLE t ALTER COLUMN c TYPE (rewrites the table unless the types are binary "
           "compatible)";
    QTest::newRow("alter drop column") << "ALTER TABLE t DROP COLUMN c" << Schema << true
                                       << "ALTER TABLE t DROP COLUMN c (its data is lost)";
    QTest::newRow("alter drop and add")
        << "ALTER TABLE t DROP COLUMN c, ADD COLUMN d int" << (Schema | Locks) << true
        << "ALTER TABLE t DROP COLUMN c (its data is lost) | ALTER TABLE t";
    QTest::newRow("alter add column")
        << "ALTER TABLE t ADD COLUMN c int" << (Schema | Locks) << false << "ALTER TABLE t";
    QTest::newRow("alter with drop in a string") << "ALTER TABLE t ALTER c SET DEFAULT 'drop'"
                                                 << (Schema | Locks) << false << "ALTER TABLE t";
    QTest::newRow("alter index") << "ALTER INDEX i SET TABLESPACE x" << (Schema | Locks) << false
                                 << "ALTER INDEX i";
    QTest::newRow("create table") << "CREATE TABLE drop_me (id int)" << Schema << false
                                  << "CREATE TABLE drop_me";
    QTest::newRow("create unlogged table")
        << "CREATE UNLOGGED TABLE u (id int)" << Schema << false << "CREATE TABLE u";
    QTest::newRow("create index") << "CREATE INDEX i ON s.t (x)" << (Schema | Locks) << false
                                  << "CREATE INDEX on s.t (SHARE lock: blocks writes while it "
                                     "builds)";
    QTest::newRow("create index concurrently") << "CREATE INDEX CONCURRENTLY i ON t (x)" << Schema
                                               << false << "CREATE INDEX CONCURRENTLY on t";
    QTest::newRow("create function") << "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'"
                                     << Schema << false << "CREATE FUNCTION";
    QTest::newRow("create procedure with a delete body")
        << "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END" << Schema << false
        << "CREATE PROCEDURE";
    QTest::newRow("create rule with a delete action")
        << "CREATE RULE r AS ON INSERT TO t DO INSTEAD DELETE FROM u" << Schema << false
        << "CREATE RULE on t";
    QTest::newRow("comment on") << "COMMENT ON TABLE t IS 'x'" << Schema << false
                                << "COMMENT ON TABLE";
    QTest::newRow("rename") << "ALTER TABLE t RENAME TO u" << Schema << false
                            << "ALTER TABLE t RENAME";
    QTest::newRow("grant") << "GRANT SELECT ON t TO bob" << Schema << false
                           << "GRANT (changes privileges)";
    QTest::newRow("revoke") << "REVOKE ALL ON t FROM bob" << Schema << false
                            << "REVOKE (changes privileges)";
    QTest::newRow("grant role") << "GRANT admin TO bob" << Schema << false
                                << "GRANT role (changes role membership)";
    QTest::newRow("alter default privileges")
        << "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r" << Schema << false
        << "ALTER DEFAULT PRIVILEGES";
    QTest::newRow("alter system") << "ALTER SYSTEM SET work_mem = '1GB'" << Schema << false
                                  << "ALTER SYSTEM (changes the server configuration)";
    QTest::newRow("create extension")
        << "CREATE EXTENSION pg_trgm" << Schema << false << "CREATE EXTENSION";
    QTest::newRow("temp table inheriting a permanent one")
        << "CREATE TEMP TABLE c () INHERITS (t)" << Schema << false << "CREATE TABLE c";

    // EXPLAIN ANALYZE runs what it explains.
    QTest::newRow("explain analyze delete")
        << "EXPLAIN ANALYZE DELETE FROM t WHERE id = 1" << Writes << false
        << "EXPLAIN ANALYZE runs it: DELETE on t";
    QTest::newRow("explain (analyze, buffers) update")
        << "EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1" << Writes << true
        << "EXPLAIN ANALYZE runs it: UPDATE without WHERE on t (every row)";
    QTest::newRow("explain analyze select")
        << "EXPLAIN ANALYZE SELECT * FROM t" << None << false << "";
    QTest::newRow("explain analyze select for update")
        << "EXPLAIN ANALYZE SELECT * FROM t FOR UPDATE" << Rows << false
        << "EXPLAIN ANALYZE runs it: SELECT … FOR UPDATE (locks the rows it reads until the "
           "transaction ends)";
    QTest::newRow("explain analyze create table as")
        << "EXPLAIN ANALYZE CREATE TABLE x AS SELECT 1" << (Schema | Writes) << false
        << "EXPLAIN ANALYZE runs it: CREATE TABLE x AS (creates and fills a table)";
}

void TestStatementEffect::classifiesOneStatement()
{
    QFETCH(QString, sql);
    QFETCH(Effects, effects);
    QFETCH(bool, severe);
    QFETCH(QString, reasons);

    const QList<StatementEffect::Statement> statements = StatementEffect::classify(sql);
    QCOMPARE(statements.size(), 1);
    const StatementEffect::Statement &statement = statements.first();
    QCOMPARE(texts(statement), reasons);
    QCOMPARE(statement.effects(), effects);
    QCOMPARE(statement.isSevere(), severe);
    QCOMPARE(statement.needsConfirmation(), effects != None);
    QCOMPARE(StatementEffect::reasons(sql).isEmpty(), effects == None);
}

void TestStatementEffect::syntaxErrorsFailClosed_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("misspelt keyword") << "DELTE FROM t";
    QTest::newRow("truncated select") << "SELECT * FROM";
    QTest::newRow("drop without a name") << "DROP TABLE";
    QTest::newRow("unterminated string") << "SELECT 'abc";
    QTest::newRow("unterminated dollar quote") << "SELECT $$ DROP TABLE t";
    QTest::newRow("garbage") << "¿qué?";
}

void TestStatementEffect::syntaxErrorsFailClosed()
{
    QFETCH(QString, sql);
    const QList<StatementEffect::Statement> statements = StatementEffect::classify(sql);
    QVERIFY(!statements.isEmpty());
    for (const StatementEffect::Statement &statement : statements) {
        QVERIFY2(statement.effects().testFlag(StatementEffect::Unparsed),
                 qPrintable(texts(statement)));
        QVERIFY(statement.texts().first().contains(QStringLiteral("not understood")));
    }
    QVERIFY(!StatementEffect::reasons(sql).isEmpty());
}

void TestStatementEffect::commentsAndBlanksAreNothing_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("empty") << "";
    QTest::newRow("blanks") << "  \n\t ";
    QTest::newRow("line comment") << "-- DROP TABLE t;";
    QTest::newRow("block comment") << "/* DELETE FROM t; */";
    QTest::newRow("semicolons") << ";;\n;";
}

void TestStatementEffect::commentsAndBlanksAreNothing()
{
    QFETCH(QString, sql);
    for (const StatementEffect::Statement &statement : StatementEffect::classify(sql))
        QVERIFY2(!statement.needsConfirmation(), qPrintable(texts(statement)));
    QVERIFY(StatementEffect::reasons(sql).isEmpty());
}

void TestStatementEffect::classifiesScriptsStatementByStatement()
{
    const QString script = QStringLiteral("SELECT 1;\n"
                                          "DELTE FROM t;\n"
                                          "UPDATE t SET a = 2 WHERE id = 3;\n"
                                          "SELECT 'DROP TABLE t; DELETE FROM t';\n"
                                          "DROP TABLE t;\n");
    const QList<StatementEffect::Statement> statements = StatementEffect::classify(script);
    QCOMPARE(statements.size(), 5);
    QVERIFY(!statements.at(0).needsConfirmation());
    // One statement the grammar rejects costs only itself.
    QCOMPARE(statements.at(1).effects(), Unparsed);
    QCOMPARE(statements.at(1).line, 2);
    QCOMPARE(texts(statements.at(2)), QStringLiteral("UPDATE on t"));
    QVERIFY(!statements.at(3).needsConfirmation());
    QCOMPARE(texts(statements.at(4)), QStringLiteral("DROP TABLE t"));
    QCOMPARE(statements.at(4).line, 5);
    QCOMPARE(script.mid(statements.at(4).start, statements.at(4).length),
             QStringLiteral("DROP TABLE t"));
}

void TestStatementEffect::reasonsPutSevereFirstWithoutDuplicates()
{
    const QStringList reasons = StatementEffect::reasons(
        QStringLiteral("SELECT 1;\nDELETE FROM t WHERE a;\n-- DROP in a comment;\n"
                       "ALTER TABLE t DROP c;\ndelete from u;\nDELETE FROM t WHERE b;"));
    QCOMPARE(reasons,
             (QStringList{QStringLiteral("ALTER TABLE t DROP COLUMN c (its data is lost)"),
                          QStringLiteral("DELETE without WHERE on u (every row)"),
                          QStringLiteral("DELETE on t")}));
    QVERIFY(StatementEffect::reasons(QStringLiteral("SELECT ';DROP TABLE t'")).isEmpty());
}

void TestStatementEffect::executeIsJudgedByWhatWasPrepared()
{
    const QList<StatementEffect::Statement> statements = StatementEffect::classify(
        QStringLiteral("PREPARE wipe(int) AS DELETE FROM t WHERE id = $1;\n"
                       "PREPARE look AS SELECT * FROM t;\n"
                       "EXECUTE wipe(1);\n"
                       "EXECUTE look;\n"
                       "EXPLAIN ANALYZE EXECUTE wipe(2);\n"
                       "EXECUTE other;"));
    QCOMPARE(statements.size(), 6);
    QVERIFY(!statements.at(0).needsConfirmation());
    QVERIFY(!statements.at(1).needsConfirmation());
    QCOMPARE(texts(statements.at(2)), QStringLiteral("EXECUTE wipe: DELETE on t"));
    QVERIFY(!statements.at(3).needsConfirmation());
    QCOMPARE(texts(statements.at(4)),
             QStringLiteral("EXPLAIN ANALYZE runs it: EXECUTE wipe: DELETE on t"));
    QCOMPARE(statements.at(5).effects(), Code);
}

void TestStatementEffect::psqlMetaCommands()
{
    const QString script = QStringLiteral(
        "\\set n 1\n"
        "SELECT :n;\n"
        "\\copy t from 'data.csv' with (format csv)\n"
        "\\copy t (a, b) to 'out.csv'\n"
        "\\copy (SELECT * FROM t) to stdout\n"
        "\\copy (DELETE FROM t WHERE a RETURNING *) to 'gone.csv'\n"
        "\\copy \"My Table\" FROM pstdin\n"
        "\\i other.sql\n"
        "\\echo done\n"
        "\\dt+ public.*\n"
        "SELECT 'x' \\gexec\n"
        "\\! rm -f x\n"
        "SELECT 1 \\g |mail dba\n"
        "SELECT 2 \\g out.txt\n");
    QList<StatementEffect::Statement> statements = StatementEffect::classify(script);
    QHash<QString, QString> byText; // statement text → its reasons
    for (const StatementEffect::Statement &statement : statements)
        byText.insert(script.mid(statement.start, statement.length).trimmed(), texts(statement));
    // Every line is a statement of its own (the harmless ones included, so an empty answer
    // below is an answer and not a missing statement).
    QCOMPARE(byText.size(), 17);
    for (const char *harmless : {"\\set n 1",
                                 "SELECT :n",
                                 "\\copy t (a, b) to 'out.csv'",
                                 "\\echo done",
                                 "\\dt+ public.*",
                                 "\\g out.txt"})
        QVERIFY2(byText.contains(QString::fromUtf8(harmless)), harmless);

    QCOMPARE(byText.value(QStringLiteral("\\set n 1")), QString());
    QCOMPARE(byText.value(QStringLiteral("SELECT :n")), QString());
    QCOMPARE(byText.value(QStringLiteral("\\copy t from 'data.csv' with (format csv)")),
             QStringLiteral("\\copy … from (loads rows into t)"));
    QCOMPARE(byText.value(QStringLiteral("\\copy t (a, b) to 'out.csv'")), QString());
    QCOMPARE(byText.value(QStringLiteral("\\copy (SELECT * FROM t) to stdout")), QString());
    QCOMPARE(byText.value(
                 QStringLiteral("\\copy (DELETE FROM t WHERE a RETURNING *) to 'gone.csv'")),
             QStringLiteral("\\copy (DELETE on t) to"));
    QCOMPARE(byText.value(QStringLiteral("\\copy \"My Table\" FROM pstdin")),
             QStringLiteral("\\copy … from (loads rows into \"My Table\")"));
    QCOMPARE(byText.value(QStringLiteral("\\i other.sql")),
             QStringLiteral("\\i other.sql (runs another file, which is not checked here)"));
    QCOMPARE(byText.value(QStringLiteral("\\echo done")), QString());
    QCOMPARE(byText.value(QStringLiteral("\\dt+ public.*")), QString());
    QCOMPARE(byText.value(QStringLiteral("\\gexec")),
             QStringLiteral("\\gexec (runs each value the query returns as SQL)"));
    QCOMPARE(byText.value(QStringLiteral("\\! rm -f x")),
             QStringLiteral("\\! (runs a shell command)"));
    QCOMPARE(byText.value(QStringLiteral("\\g |mail dba")),
             QStringLiteral("\\g | (runs a shell command)"));
    QCOMPARE(byText.value(QStringLiteral("\\g out.txt")), QString());

    // A \copy whose direction cannot be read is not taken for a read.
    const QList<StatementEffect::Statement> odd = StatementEffect::classify(
        QStringLiteral("\\copy t\n"));
    QCOMPARE(odd.size(), 1);
    QCOMPARE(odd.first().effects(), Unparsed);
}

void TestStatementEffect::copyDataIsNotAStatement()
{
    // The data lines of COPY … FROM STDIN look like SQL here on purpose: they are data.
    const QString script = QStringLiteral("COPY t (a) FROM STDIN;\n"
                                          "DROP TABLE x;\n"
                                          "DELETE FROM y\n"
                                          "\\.\n"
                                          "SELECT 1;\n");
    const QList<StatementEffect::Statement> statements = StatementEffect::classify(script);
    QCOMPARE(statements.size(), 2);
    QCOMPARE(texts(statements.at(0)), QStringLiteral("COPY … FROM (loads rows into t)"));
    QVERIFY(!statements.at(1).needsConfirmation());
}

void TestStatementEffect::temporaryOnlyWhenTheTextSaysSo()
{
    // An unqualified name may resolve to a permanent table (search_path can list pg_temp last),
    // so only the CREATE TEMP itself and pg_temp-qualified names are exempt.
    const QList<StatementEffect::Statement> statements = StatementEffect::classify(
        QStringLiteral("CREATE TEMP TABLE scratch (id int);\n"
                       "INSERT INTO pg_temp.scratch VALUES (1);\n"
                       "INSERT INTO scratch VALUES (2);\n"
                       "CREATE TEMP TABLE copy AS SELECT setval('s', 1);\n"
                       "TRUNCATE pg_temp.scratch;\n"
                       "TRUNCATE pg_temp.scratch, orders;\n"));
    QCOMPARE(statements.size(), 6);
    QVERIFY(!statements.at(0).needsConfirmation());
    QVERIFY(!statements.at(1).needsConfirmation());
    QCOMPARE(texts(statements.at(2)), QStringLiteral("INSERT into scratch"));
    // What a temporary table is filled with still runs.
    QCOMPARE(texts(statements.at(3)), QStringLiteral("calls setval() (moves a sequence)"));
    QVERIFY(!statements.at(4).needsConfirmation());
    QCOMPARE(texts(statements.at(5)),
             QStringLiteral("TRUNCATE pg_temp.scratch, orders (removes every row)"));
}

QTEST_GUILESS_MAIN(TestStatementEffect)
#include "tst_statementeffect.moc"
