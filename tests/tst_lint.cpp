// Slipway's own cases for every lint rule (a statement that must be reported and one that must
// not), suppression comments, the PostgreSQL version switches and positions. What the linter
// learns from a live database is tst_lintlive.

#include "db/pgconnection.h"
#include "lint/linter.h"
#include "lint/liveschema.h"
#include "lint/rulecatalog.h"
#include "migrations/migrationtemplates.h"
#include "sql/statementsplitter.h"

#include "schemafixtures.h"

#include <QSet>
#include <QTest>

namespace {

QStringList rulesOf(const QList<Finding> &findings)
{
    QStringList rules;
    for (const Finding &finding : findings)
        rules.append(finding.rule);
    return rules;
}

QList<Finding> lint(const QString &sql,
                    int pgVersion = LintOptions::DefaultPgVersion,
                    bool assumeInTransaction = false)
{
    LintOptions options;
    options.pgVersion = pgVersion;
    options.assumeInTransaction = assumeInTransaction;
    Linter linter(options);
    return linter.lintFile(QStringLiteral("case.sql"), sql);
}

} // namespace

class TestLint : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void everyRuleHasCases();
    void findingsPointAtTheirStatement();
    void syntaxErrorPointsAtTheToken();
    void psqlScriptsLintCleanly();
    void suppressionComments();
    void excludedRules();
    void stateCarriesAcrossFiles();
    void explainTexts();

private:
    QSet<QString> m_positive;
    QSet<QString> m_negative;
};

void TestLint::rules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("reported");
    QTest::addColumn<int>("pgVersion");
    QTest::addColumn<bool>("assumeInTransaction");

    auto add = [](const char *name,
                  const char *rule,
                  const char *sql,
                  bool reported,
                  int pg = LintOptions::DefaultPgVersion,
                  bool assume = false) {
        QTest::newRow(name) << QString::fromLatin1(rule) << QString::fromUtf8(sql) << reported << pg
                            << assume;
    };
    // Index rules.
    add("index plain",
        "require-concurrent-index-creation",
        "CREATE INDEX i ON orders (total);",
        true);
    add("index concurrently",
        "require-concurrent-index-creation",
        "CREATE INDEX CONCURRENTLY i ON orders (total);",
        false);
    add("index on new table",
        "require-concurrent-index-creation",
        "CREATE TABLE t (id bigint);\nCREATE INDEX i ON t (id);",
        false);
    add("drop index", "require-concurrent-index-deletion", "DROP INDEX i;", true);
    add("drop index concurrently",
        "require-concurrent-index-deletion",
        "DROP INDEX CONCURRENTLY i;",
        false);
    add("reindex", "require-concurrent-reindex", "REINDEX TABLE orders;", true);
    add("reindex concurrently",
        "require-concurrent-reindex",
        "REINDEX TABLE CONCURRENTLY orders;",
        false);
    add("detach",
        "require-concurrent-partition-detach",
        "ALTER TABLE m DETACH PARTITION m_2020;",
        true);
    add("detach concurrently",
        "require-concurrent-partition-detach",
        "ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY;",
        false);
    add("detach before 14",
        "require-concurrent-partition-detach",
        "ALTER TABLE m DETACH PARTITION m_2020;",
        false,
        13);
    add("concurrently in begin",
        "ban-concurrent-index-creation-in-transaction",
        "BEGIN;\nCREATE INDEX CONCURRENTLY i ON orders (total);\nCOMMIT;",
        true);
    add("drop concurrently in begin",
        "ban-concurrent-index-creation-in-transaction",
        "BEGIN;\nDROP INDEX CONCURRENTLY i;\nCOMMIT;",
        true);
    add("concurrently alone",
        "ban-concurrent-index-creation-in-transaction",
        "CREATE INDEX CONCURRENTLY i ON orders (total);",
        false,
        15,
        true);
    add("vacuum in begin",
        "ban-non-transactional-statement-in-transaction",
        "BEGIN;\nVACUUM orders;\nCOMMIT;",
        true);
    add("vacuum alone",
        "ban-non-transactional-statement-in-transaction",
        "VACUUM orders;",
        false,
        15,
        true);
    add("new enum value used",
        "ban-new-enum-value-use-in-transaction",
        "ALTER TYPE mood ADD VALUE 'calm';\nUPDATE orders SET mood = 'calm' WHERE id = 1;",
        true,
        15,
        true);
    add("new enum value used after commit",
        "ban-new-enum-value-use-in-transaction",
        "ALTER TYPE mood ADD VALUE 'calm';\nUPDATE orders SET mood = 'calm' WHERE id = 1;",
        false);
    add("add value in begin before 12",
        "ban-new-enum-value-use-in-transaction",
        "BEGIN;\nALTER TYPE mood ADD VALUE 'calm';\nCOMMIT;",
        true,
        11);
    // More cases, with severities and messages: tst_lintindexrules.
    add("index of four columns",
        "index-too-many-columns",
        "CREATE INDEX CONCURRENTLY i ON orders (customer_id, status, placed_at, total);",
        true);
    add("unique index of four columns",
        "index-too-many-columns",
        "CREATE UNIQUE INDEX CONCURRENTLY i ON orders (customer_id, status, placed_at, total);",
        false);
    // Constraints.
    add("fk",
        "adding-foreign-key-constraint",
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);",
        true);
    add("fk on a table created earlier in the migration",
        "adding-foreign-key-constraint",
        "CREATE TABLE refunds (id bigint, order_id bigint);\n"
        "ALTER TABLE refunds ADD CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES "
        "orders (id);",
        false);
    add("fk not valid",
        "adding-foreign-key-constraint",
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) "
        "NOT VALID;",
        false);
    add("check validated",
        "constraint-missing-not-valid",
        "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0);",
        true);
    add("validate in same transaction",
        "constraint-missing-not-valid",
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT positive;\nCOMMIT;",
        true);
    add("validate separately",
        "constraint-missing-not-valid",
        "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT positive;",
        false);
    add("unique",
        "disallowed-unique-constraint",
        "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);",
        true);
    add("unique using index",
        "disallowed-unique-constraint",
        "ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email_idx;",
        false);
    add("exclusion",
        "disallowed-unique-constraint",
        "ALTER TABLE rooms ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);",
        true);
    add("primary key",
        "adding-serial-primary-key-field",
        "ALTER TABLE items ADD PRIMARY KEY (id);",
        true);
    add("primary key using index",
        "adding-serial-primary-key-field",
        "ALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY USING INDEX items_idx;",
        false);
    // Columns.
    add("volatile default",
        "adding-field-with-default",
        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        true);
    add("constant default",
        "adding-field-with-default",
        "ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false;",
        false);
    add("stable default",
        "adding-field-with-default",
        "ALTER TABLE orders ADD COLUMN seen timestamptz DEFAULT now();",
        false);
    add("constant default on 11",
        "adding-field-with-default",
        "ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false;",
        false,
        11);
    add("volatile default on 11",
        "adding-field-with-default",
        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        true,
        11);
    add("serial column",
        "adding-field-with-default",
        "ALTER TABLE orders ADD COLUMN n bigserial;",
        true);
    add("not null without default",
        "adding-required-field",
        "ALTER TABLE orders ADD COLUMN code text NOT NULL;",
        true);
    add("not null with default",
        "adding-required-field",
        "ALTER TABLE orders ADD COLUMN code text NOT NULL DEFAULT '';",
        false);
    add("set not null",
        "adding-not-nullable-field",
        "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;",
        true);
    add("set not null after check",
        "adding-not-nullable-field",
        "ALTER TABLE orders ADD CONSTRAINT code_nn CHECK (code IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT code_nn;\n"
        "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;",
        false);
    add("set not null after check on 11",
        "adding-not-nullable-field",
        "ALTER TABLE orders ADD CONSTRAINT code_nn CHECK (code IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT code_nn;\n"
        "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;",
        true,
        11);
    add("type change unknown",
        "changing-column-type",
        "ALTER TABLE orders ALTER COLUMN code TYPE varchar(10);",
        true);
    add("type change known safe",
        "changing-column-type",
        "ALTER TABLE orders ALTER COLUMN note TYPE text;",
        false);
    add("drop column", "ban-drop-column", "ALTER TABLE orders DROP COLUMN note;", true);
    add("drop column of new table",
        "ban-drop-column",
        "CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;",
        false);
    add("drop not null",
        "ban-drop-not-null",
        "ALTER TABLE orders ALTER COLUMN code DROP NOT NULL;",
        true);
    add("set default",
        "ban-drop-not-null",
        "ALTER TABLE orders ALTER COLUMN code SET DEFAULT 'x';",
        false);
    add("rename column", "renaming-column", "ALTER TABLE orders RENAME COLUMN code TO ref;", true);
    add("rename constraint",
        "renaming-column",
        "ALTER TABLE orders RENAME CONSTRAINT a TO b;",
        false);
    // Tables and databases.
    add("drop table", "ban-drop-table", "DROP TABLE orders;", true);
    add("drop new table",
        "ban-drop-table",
        "CREATE TABLE scratch (id int);\nDROP TABLE scratch;",
        false);
    add("rename table", "renaming-table", "ALTER TABLE orders RENAME TO purchases;", true);
    add("rename schema", "renaming-table", "ALTER SCHEMA shop RENAME TO store;", true);
    add("rename index", "renaming-table", "ALTER INDEX i RENAME TO j;", false);
    add("rename enum value",
        "renaming-enum-value",
        "ALTER TYPE status RENAME VALUE 'done' TO 'complete';",
        true);
    add("add enum value",
        "renaming-enum-value",
        "ALTER TYPE status ADD VALUE IF NOT EXISTS 'archived' AFTER 'done';",
        false);
    add("truncate cascade", "ban-truncate-cascade", "TRUNCATE orders CASCADE;", true);
    add("truncate", "ban-truncate-cascade", "TRUNCATE orders;", false);
    add("drop database", "ban-drop-database", "DROP DATABASE shop;", true);
    add("drop schema", "ban-drop-database", "DROP SCHEMA old CASCADE;", false);
    // Domains.
    add("domain with check",
        "ban-create-domain-with-constraint",
        "CREATE DOMAIN positive AS int CHECK (VALUE > 0);",
        true);
    add("plain domain", "ban-create-domain-with-constraint", "CREATE DOMAIN name_t AS text;", false);
    add("alter domain add",
        "ban-alter-domain-with-add-constraint",
        "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0);",
        true);
    add("alter domain add not valid",
        "ban-alter-domain-with-add-constraint",
        "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID;",
        false);
    // Transactions.
    add("nested begin", "transaction-nesting", "BEGIN;\nBEGIN;\nSELECT 1;\nCOMMIT;", true);
    add("begin in tool transaction",
        "transaction-nesting",
        "BEGIN;\nSELECT 1;\nCOMMIT;",
        true,
        15,
        true);
    add("one transaction", "transaction-nesting", "BEGIN;\nSELECT 1;\nCOMMIT;", false);
    add("uncommitted", "ban-uncommitted-transaction", "BEGIN;\nCREATE TABLE t (id bigint);", true);
    add("committed",
        "ban-uncommitted-transaction",
        "BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;",
        false);
    // Timeouts.
    add("no lock timeout", "require-lock-timeout", "ALTER TABLE t ADD COLUMN c text;", true);
    add("lock timeout",
        "require-lock-timeout",
        "SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN c text;",
        false);
    add("lock timeout off",
        "require-lock-timeout",
        "SET lock_timeout = 0;\nALTER TABLE t ADD COLUMN c text;",
        true);
    add("no statement timeout", "require-statement-timeout", "CREATE INDEX i ON t (c);", true);
    add("statement timeout",
        "require-statement-timeout",
        "SET statement_timeout = '1min';\nCREATE INDEX i ON t (c);",
        false);
    // CONCURRENTLY's lock lets reads and writes go on, and a timeout would only leave an INVALID
    // index behind: neither timeout is asked for, and the next schema change still needs both.
    add("concurrent index, no statement timeout",
        "require-statement-timeout",
        "CREATE INDEX CONCURRENTLY i ON t (c);",
        false);
    add("concurrent drop, no lock timeout",
        "require-lock-timeout",
        "DROP INDEX CONCURRENTLY IF EXISTS i;",
        false);
    add("concurrent reindex, no statement timeout",
        "require-statement-timeout",
        "REINDEX (CONCURRENTLY) INDEX i;",
        false);
    add("reindex concurrently off",
        "require-statement-timeout",
        "REINDEX (CONCURRENTLY false) INDEX i;",
        true);
    add("schema change after a concurrent index",
        "require-lock-timeout",
        "CREATE INDEX CONCURRENTLY i ON t (c);\nALTER TABLE t ADD COLUMN d text;",
        true);
    // Robustness and names.
    add("not robust", "prefer-robust-stmts", "SELECT 1;\nALTER TABLE t ADD COLUMN c text;", true);
    add("robust",
        "prefer-robust-stmts",
        "SELECT 1;\nALTER TABLE t ADD COLUMN IF NOT EXISTS c text;",
        false);
    add("in transaction",
        "prefer-robust-stmts",
        "BEGIN;\nALTER TABLE t ADD COLUMN c text;\nCOMMIT;",
        false);
    add("long name",
        "identifier-too-long",
        "CREATE TABLE a_table_name_that_goes_on_and_on_and_on_well_past_the_limit_of_postgres (id "
        "bigint);",
        true);
    add("long name in a string",
        "identifier-too-long",
        "SELECT 'a_table_name_that_goes_on_and_on_and_on_well_past_the_limit_of_postgres';",
        false);
    // Data.
    add("update all", "ban-update-without-where", "UPDATE orders SET code = 'x';", true);
    add("update some",
        "ban-update-without-where",
        "UPDATE orders SET code = 'x' WHERE id < 1000;",
        false);
    add("delete all", "ban-delete-without-where", "DELETE FROM orders;", true);
    add("delete some", "ban-delete-without-where", "DELETE FROM orders WHERE id = 1;", false);
    add("vacuum full", "ban-vacuum-full", "VACUUM (FULL, ANALYZE) orders;", true);
    add("vacuum", "ban-vacuum-full", "VACUUM (FULL false) orders;", false);
    add("cluster", "ban-cluster", "CLUSTER orders USING orders_pkey;", true);
    add("cluster all", "ban-cluster", "CLUSTER;", true);
    add("cluster on", "ban-cluster", "ALTER TABLE orders CLUSTER ON orders_pkey;", false);
    // Columns named twice (PostgreSQL rejects these when they run).
    add("update twice",
        "ban-duplicate-column-assignments",
        "UPDATE orders SET code = 'a', code = 'b' WHERE id = 1;",
        true);
    add("update whole and part",
        "ban-duplicate-column-assignments",
        "UPDATE orders SET (pos, code) = (NULL, 'a'), pos.x = 1 WHERE id = 1;",
        true);
    add("update parts",
        "ban-duplicate-column-assignments",
        "UPDATE orders SET pos.x = 1, pos.y = 2, tags[1] = 'a', tags[2] = 'b' WHERE id = 1;",
        false);
    add("insert twice",
        "ban-duplicate-column-assignments",
        "INSERT INTO orders (code, code) VALUES ('a', 'b');",
        true);
    add("view inferred names",
        "ban-duplicate-column-assignments",
        "CREATE VIEW v AS SELECT 1, 2;",
        true);
    add("view aliases",
        "ban-duplicate-column-assignments",
        "CREATE VIEW v (a, b) AS SELECT 1 a, 2 a;",
        false);
    add("view of different columns",
        "ban-duplicate-column-assignments",
        "CREATE VIEW v AS SELECT o.id, c.id AS customer, count(*), max(o.total), "
        "o.code::text FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY 1, 2, 5;",
        false);
    add("select into",
        "ban-duplicate-column-assignments",
        "SELECT o.id, c.id INTO report FROM orders o, customers c;",
        true);
    add("create table twice",
        "ban-duplicate-column-assignments",
        "CREATE TABLE t (a bigint, \"A\" text, a text);",
        true);
    // Types.
    add("int", "prefer-bigint-over-int", "CREATE TABLE t (id integer);", true);
    add("bigint", "prefer-bigint-over-int", "CREATE TABLE t (id bigint);", false);
    add("smallint", "prefer-bigint-over-smallint", "ALTER TABLE t ADD COLUMN n smallint;", true);
    add("numeric", "prefer-bigint-over-smallint", "ALTER TABLE t ADD COLUMN n numeric;", false);
    add("serial", "prefer-identity", "CREATE TABLE t (id bigserial);", true);
    add("identity",
        "prefer-identity",
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY);",
        false);
    add("varchar(n)", "prefer-text-field", "CREATE TABLE t (name varchar(100));", true);
    add("varchar", "prefer-text-field", "CREATE TABLE t (name varchar);", false);
    add("timestamp", "prefer-timestamp-tz", "CREATE TABLE t (at timestamp);", true);
    add("timestamptz",
        "prefer-timestamp-tz",
        "CREATE TABLE t (at timestamp with time zone);",
        false);
    add("char", "ban-char-field", "CREATE TABLE t (code char(2));", true);
    add("text", "ban-char-field", "CREATE TABLE t (code text);", false);
    add("json", "prefer-jsonb", "ALTER TABLE t ADD COLUMN doc json;", true);
    add("jsonb", "prefer-jsonb", "ALTER TABLE t ADD COLUMN doc jsonb;", false);
    // Syntax.
    add("typo", "syntax-error", "SELEC 1;", true);
    add("psql script",
        "syntax-error",
        "\\set ON_ERROR_STOP on\nSELECT :'v';\nCOPY t FROM stdin;\n1\n\\.\n",
        false);
}

void TestLint::rules()
{
    QFETCH(QString, rule);
    QFETCH(QString, sql);
    QFETCH(bool, reported);
    QFETCH(int, pgVersion);
    QFETCH(bool, assumeInTransaction);
    QVERIFY2(!RuleCatalog::canonicalId(rule).isEmpty(), qPrintable(rule));

    // The tables of the cases exist already (they are not created by the case), with a known
    // varchar note column for the rewrite-free type change.
    LintOptions options;
    options.pgVersion = pgVersion;
    options.assumeInTransaction = assumeInTransaction;
    KnownSchema schema;
    KnownTable &orders = schema.addTable(QStringLiteral("public"), QStringLiteral("orders"));
    TypeSpec varchar;
    varchar.name = QStringLiteral("varchar");
    orders.columns.append({QStringLiteral("note"), varchar});
    Linter linter(options, schema);
    const QStringList found = rulesOf(linter.lintFile(QStringLiteral("case.sql"), sql));
    QVERIFY2(found.contains(rule) == reported,
             qPrintable(
                 QStringLiteral("%1 %2; findings: %3")
                     .arg(rule,
                          reported ? QStringLiteral("expected") : QStringLiteral("not expected"),
                          found.join(QStringLiteral(", ")))));
    (reported ? m_positive : m_negative).insert(rule);
}

void TestLint::everyRuleHasCases()
{
    for (const RuleInfo &info : RuleCatalog::rules()) {
        if (info.id == QLatin1String("missing-rollback"))
            continue; // a folder rule: tst_lintfolder
        QVERIFY2(m_positive.contains(info.id),
                 qPrintable(info.id + QStringLiteral(" has no reported case")));
        QVERIFY2(m_negative.contains(info.id),
                 qPrintable(info.id + QStringLiteral(" has no clean case")));
    }
}

void TestLint::findingsPointAtTheirStatement()
{
    const QString sql = QStringLiteral(
        "-- add an index\nSET lock_timeout = '1s';\n"
        "SET statement_timeout = '1min';\n\n  CREATE INDEX IF NOT EXISTS i ON é (c);\n");
    const QList<Finding> findings = lint(sql);
    QCOMPARE(rulesOf(findings), QStringList{QStringLiteral("require-concurrent-index-creation")});
    const Finding &finding = findings.first();
    QCOMPARE(finding.file, QStringLiteral("case.sql"));
    QCOMPARE(finding.line, 5);
    QCOMPARE(finding.column, 3);
    QCOMPARE(sql.mid(finding.start, finding.length),
             QStringLiteral("CREATE INDEX IF NOT EXISTS i ON é (c)"));
    QCOMPARE(finding.severity, Finding::Severity::Error);
    QCOMPARE(finding.table, QStringLiteral("é"));
    QVERIFY(finding.message.contains(QLatin1String("CONCURRENTLY")));
}

void TestLint::syntaxErrorPointsAtTheToken()
{
    const QString sql = QStringLiteral(
        "SELECT 1;\nALTER TABLE t ADD COLUMN c text DEFALT 1;\nSELECT 2;");
    const QList<Finding> findings = lint(sql);
    QCOMPARE(rulesOf(findings), QStringList{QStringLiteral("syntax-error")});
    QCOMPARE(findings.first().line, 2);
    QCOMPARE(findings.first().column,
             int(QStringLiteral("ALTER TABLE t ADD COLUMN c text ").size()) + 1);
    QVERIFY(findings.first().message.contains(QLatin1String("DEFALT")));
}

void TestLint::psqlScriptsLintCleanly()
{
    // squawk reports syntax-error on these; Slipway lints the SQL around them.
    const QString sql = QStringLiteral(
        "\\set ON_ERROR_STOP on\n"
        "SET lock_timeout = '1s';\nSET statement_timeout = '1min';\n"
        "CREATE TABLE IF NOT EXISTS :\"schema\".t (id bigint);\n"
        "COPY t FROM stdin;\nDROP TABLE t;\n\\.\n"
        "CREATE OR REPLACE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\n"
        "BEGIN DELETE FROM t; DROP TABLE t; END $$;\n"
        "-- DROP TABLE t;\n"
        "SELECT 'DROP TABLE t;';\n");
    const QList<Finding> findings = lint(sql);
    QVERIFY2(findings.isEmpty(), qPrintable(rulesOf(findings).join(QStringLiteral(", "))));
}

void TestLint::suppressionComments()
{
    const QString sql = QStringLiteral("SET lock_timeout = '1s';\nSET statement_timeout = '1s';\n"
                                       "-- slipway-ignore require-concurrent-index-creation\n"
                                       "CREATE INDEX a ON t (c);\n"
                                       "-- squawk-ignore ban-drop-column, renaming-column\n"
                                       "ALTER TABLE t DROP COLUMN d;\n"
                                       "-- slipway-ignore prefer-robust-stmts\n"
                                       "CREATE INDEX b ON t (c);\n"
                                       "ALTER TABLE t RENAME COLUMN e TO f;\n");
    const QList<Finding> findings = lint(sql);
    QStringList rules;
    for (const Finding &finding : findings) {
        if (finding.rule != QLatin1String("prefer-robust-stmts"))
            rules.append(QStringLiteral("%1@%2").arg(finding.rule).arg(finding.line));
    }
    QCOMPARE(rules,
             (QStringList{QStringLiteral("require-concurrent-index-creation@8"),
                          QStringLiteral("renaming-column@9")}));

    const QList<Finding> whole = lint(QStringLiteral("-- squawk-ignore-file prefer-timestamptz\n"
                                                     "CREATE TABLE t (at timestamp, n int);"));
    QCOMPARE(rulesOf(whole).contains(QStringLiteral("prefer-timestamp-tz")), false);
    QCOMPARE(rulesOf(whole).contains(QStringLiteral("prefer-bigint-over-int")), true);

    // No rule named: every rule for that statement.
    QVERIFY(lint(QStringLiteral("-- slipway-ignore\nDROP TABLE t;")).isEmpty());
    // A reason may follow the ids.
    QCOMPARE(rulesOf(lint(QStringLiteral(
                 "SET lock_timeout = '1s';\nSET statement_timeout = '1s';\n"
                 "-- slipway-ignore ban-drop-column: readers moved to new_c -- see V12\n"
                 "ALTER TABLE t DROP COLUMN IF EXISTS c;"))),
             QStringList());
}

void TestLint::excludedRules()
{
    LintOptions options;
    options.excludedRules = {QStringLiteral("require-lock-timeout"),
                             QStringLiteral("require-statement-timeout")};
    Linter linter(options);
    QCOMPARE(rulesOf(linter.lintFile(QStringLiteral("x.sql"), QStringLiteral("DROP TABLE t;"))),
             QStringList{QStringLiteral("ban-drop-table")});
}

void TestLint::stateCarriesAcrossFiles()
{
    // A NOT VALID check added by one migration and validated by the next lets a third set NOT
    // NULL without a scan (PostgreSQL 12+); a table created by one file is not new in the next.
    Linter linter;
    linter.lintFile(QStringLiteral("V1.sql"),
                    QStringLiteral(
                        "CREATE TABLE t (id bigint, c text, d text);\nCREATE INDEX i ON t (c);"));
    QCOMPARE(rulesOf(linter.lintFile(QStringLiteral("V2.sql"),
                                     QStringLiteral("CREATE INDEX j ON t (id);")))
                 .contains(QStringLiteral("require-concurrent-index-creation")),
             true);
    linter.lintFile(QStringLiteral("V3.sql"),
                    QStringLiteral(
                        "ALTER TABLE t ADD CONSTRAINT c_nn CHECK (c IS NOT NULL) NOT VALID;"));
    linter.lintFile(QStringLiteral("V4.sql"),
                    QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT c_nn;"));
    QCOMPARE(rulesOf(linter.lintFile(QStringLiteral("V5.sql"),
                                     QStringLiteral("ALTER TABLE t ALTER COLUMN c SET NOT NULL;")))
                 .contains(QStringLiteral("adding-not-nullable-field")),
             false);
    // The column's type is known from V1: text to unlimited varchar is rewrite-free, adding a
    // length limit must check every value. (c would be rescanned anyway: c_nn checks it.)
    QCOMPARE(rulesOf(linter.lintFile(QStringLiteral("V6.sql"),
                                     QStringLiteral("ALTER TABLE t ALTER COLUMN d TYPE varchar;")))
                 .contains(QStringLiteral("changing-column-type")),
             false);
    QCOMPARE(rulesOf(
                 linter.lintFile(QStringLiteral("V7.sql"),
                                 QStringLiteral("ALTER TABLE t ALTER COLUMN d TYPE varchar(20);")))
                 .contains(QStringLiteral("changing-column-type")),
             true);
}

void TestLint::explainTexts()
{
    const QList<RuleInfo> all = RuleCatalog::rules();
    QVERIFY(all.size() >= 38);
    QSet<QString> ids;
    for (const RuleInfo &info : all) {
        QVERIFY2(!ids.contains(info.id), qPrintable(info.id));
        ids.insert(info.id);
        QVERIFY2(!info.summary.isEmpty() && !info.lock.isEmpty() && !info.why.isEmpty()
                     && !info.safeAlternative.isEmpty(),
                 qPrintable(info.id));
    }
    QCOMPARE(RuleCatalog::canonicalId(QStringLiteral("prefer-timestamptz")),
             QStringLiteral("prefer-timestamp-tz"));
    QVERIFY(RuleCatalog::canonicalId(QStringLiteral("no-such-rule")).isEmpty());
}

QTEST_GUILESS_MAIN(TestLint)
#include "tst_lint.moc"
