// The linter with a live database: the impact downgrade for small tables, indexes that know
// their tables from the catalog, and the not-null template's steps linted across migrations.

#include "db/pgconnection.h"
#include "lint/linter.h"
#include "lint/liveschema.h"
#include "migrations/migrationtemplates.h"
#include "sql/statementsplitter.h"

#include "schemafixtures.h"

#include <QTest>

namespace {

QStringList rulesOf(const QList<Finding> &findings)
{
    QStringList rules;
    for (const Finding &finding : findings)
        rules.append(finding.rule);
    return rules;
}

} // namespace

class TestLintLive : public QObject
{
    Q_OBJECT

private slots:
    void impactDowngradesSmallTables();
    void indexesKnowTheirTables();
    void notNullTemplateAcrossMigrations();
};

void TestLintLive::impactDowngradesSmallTables()
{
    QString error;
    const QString conninfo = SchemaFixtures::recreateDatabase(QStringLiteral("slipway_lint_impact"),
                                                              {},
                                                              &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    PgConnection connection(conninfo);
    connection.open();
    connection.execute(QStringLiteral("CREATE TABLE small (id bigint, c text); INSERT INTO small "
                                      "SELECT g, 'x' FROM generate_series(1, 20) g;"
                                      "CREATE TABLE big (id bigint, c text); INSERT INTO big "
                                      "SELECT g, 'x' FROM generate_series(1, 5000) g;"
                                      "CREATE INDEX small_c ON small (c);"
                                      "CREATE INDEX small_id ON small (id);"
                                      "CREATE INDEX big_c ON big (c);"
                                      "ANALYZE small; ANALYZE big;"));
    const KnownSchema schema = LiveSchema::load(connection);
    QCOMPARE(schema.table(QStringLiteral("big"))->rows, 5000LL);
    QVERIFY(schema.table(QStringLiteral("big"))->bytes > 0);

    LintOptions options;
    options.impactRowThreshold = 1000;
    options.excludedRules = {QStringLiteral("require-lock-timeout"),
                             QStringLiteral("require-statement-timeout"),
                             QStringLiteral("prefer-robust-stmts")};
    Linter linter(options, schema);
    const QList<Finding> findings = linter.lintFile(
        QStringLiteral("V1.sql"),
        QStringLiteral(
            "CREATE INDEX i ON small (c);\nCREATE INDEX j ON big (c);\nDROP TABLE small;"));
    QCOMPARE(findings.size(), 3);
    QVERIFY2(findings.at(0).severity == Finding::Severity::Warning, // a lock on 20 rows
             qPrintable(findings.at(0).rule + QLatin1Char(' ') + findings.at(0).impact));
    QVERIFY2(findings.at(0).impact.contains(QLatin1String("20 rows")),
             qPrintable(findings.at(0).impact));
    QVERIFY(findings.at(0).impact.contains(QLatin1String("1,000")));
    QCOMPARE(findings.at(1).severity, Finding::Severity::Error); // 5,000 rows: above the threshold
    QVERIFY2(findings.at(1).impact.startsWith(QLatin1String("big: ")),
             qPrintable(findings.at(1).impact));
    QVERIFY(findings.at(1).impact.contains(QLatin1String("5,000 rows")));
    // Losing data is not about locks: never downgraded.
    QCOMPARE(findings.at(2).rule, QStringLiteral("ban-drop-table"));
    QCOMPARE(findings.at(2).severity, Finding::Severity::Error);

    // DROP INDEX and REINDEX INDEX name only the index; the server says whose it is.
    QCOMPARE(schema.tableOfIndex(QStringLiteral("small_c")), QStringLiteral("small"));
    Linter indexLinter(options, schema);
    const QList<Finding> indexFindings = indexLinter.lintFile(
        QStringLiteral("V2.sql"),
        QStringLiteral("DROP INDEX small_c;\nREINDEX INDEX big_c;\nDROP INDEX small_id, big_c;"));
    QCOMPARE(rulesOf(indexFindings),
             (QStringList{QStringLiteral("require-concurrent-index-deletion"),
                          QStringLiteral("require-concurrent-reindex"),
                          QStringLiteral("require-concurrent-index-deletion")}));
    const Finding &dropSmall = indexFindings.at(0);
    QCOMPARE(dropSmall.table, QStringLiteral("small"));
    QVERIFY2(dropSmall.severity == Finding::Severity::Warning, qPrintable(dropSmall.impact));
    QVERIFY2(dropSmall.impact.startsWith(QLatin1String("small: "))
                 && dropSmall.impact.contains(QLatin1String("20 rows")),
             qPrintable(dropSmall.impact));
    QVERIFY2(dropSmall.message.contains(QLatin1String("locks small")),
             qPrintable(dropSmall.message));
    QCOMPARE(indexFindings.at(1).table, QStringLiteral("big"));
    QCOMPARE(indexFindings.at(1).severity, Finding::Severity::Error);
    // Indexes of a small and a big table: the big one's lock decides.
    QCOMPARE(indexFindings.at(2).table, QStringLiteral("big"));
    QCOMPARE(indexFindings.at(2).severity, Finding::Severity::Error);
}

void TestLintLive::indexesKnowTheirTables()
{
    // Without a server, what earlier statements created tells whose index it is: named indexes,
    // a primary key's <table>_pkey, renames of the index and of its table.
    Linter linter;
    linter.lintFile(QStringLiteral("V1.sql"),
                    QStringLiteral("CREATE TABLE t (id bigint PRIMARY KEY, c text);\n"
                                   "CREATE INDEX i ON t (c);\n"
                                   "ALTER TABLE t ADD CONSTRAINT t_c_key UNIQUE (c);"));
    const KnownSchema &schema = linter.state().schema();
    QCOMPARE(schema.tableOfIndex(QStringLiteral("t_pkey")), QStringLiteral("t"));
    QCOMPARE(schema.tableOfIndex(QStringLiteral("t_c_key")), QStringLiteral("t"));
    linter.lintFile(QStringLiteral("V2.sql"),
                    QStringLiteral("ALTER INDEX i RENAME TO j;\nALTER TABLE t RENAME TO u;"));
    QVERIFY(schema.tableOfIndex(QStringLiteral("i")).isEmpty());
    QCOMPARE(schema.tableOfIndex(QStringLiteral("j")), QStringLiteral("u"));
    const QList<Finding> findings = linter.lintFile(QStringLiteral("V3.sql"),
                                                    QStringLiteral("DROP INDEX j;"));
    const auto drop = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.rule == QLatin1String("require-concurrent-index-deletion");
    });
    QVERIFY(drop != findings.cend());
    QCOMPARE(drop->table, QStringLiteral("u"));
    QVERIFY2(drop->message.contains(QLatin1String("locks u")), qPrintable(drop->message));
    QVERIFY(schema.tableOfIndex(QStringLiteral("j")).isEmpty());
}

void TestLintLive::notNullTemplateAcrossMigrations()
{
    // The "Add a NOT NULL column" template's last step (VALIDATE, then SET NOT NULL) linted on
    // its own, as the editor and `slipway-cli lint FILE` do once the earlier steps are applied.
    QString error;
    const QList<MigrationTemplates::Step> steps
        = MigrationTemplates::render(QStringLiteral("not-null-column"),
                                     {{QStringLiteral("table"), QStringLiteral("shop.orders")},
                                      {QStringLiteral("column"), QStringLiteral("loyalty_tier")},
                                      {QStringLiteral("type"), QStringLiteral("text")},
                                      {QStringLiteral("default"), QStringLiteral("'bronze'")}},
                                     &error);
    QVERIFY2(steps.size() == 4, qPrintable(error));
    const QString setNotNull = QStringLiteral("adding-not-nullable-field");
    auto lintLastStep = [&](const QString &up, const KnownSchema &schema) {
        Linter linter({}, schema);
        return rulesOf(linter.lintFile(QStringLiteral("V4.sql"), up, true));
    };

    // Offline the constraint's name is all there is: orders_loyalty_tier_not_null names the
    // table, the two-word column and not-null.
    QCOMPARE(lintLastStep(steps.at(3).up, KnownSchema()), QStringList());
    // A name that does not say not-null is no evidence.
    QString renamed = steps.at(3).up;
    renamed.replace(QLatin1String("orders_loyalty_tier_not_null"), QLatin1String("tier_present"));
    QVERIFY(lintLastStep(renamed, KnownSchema()).contains(setNotNull));

    // Against a server with steps 1 to 3 applied, the constraint's definition decides.
    const QString conninfo
        = SchemaFixtures::recreateDatabase(QStringLiteral("slipway_lint_not_null"), {}, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    PgConnection connection(conninfo);
    connection.open();
    connection.execute(QStringLiteral("CREATE SCHEMA shop; CREATE TABLE shop.orders (id bigint "
                                      "PRIMARY KEY); INSERT INTO shop.orders SELECT "
                                      "generate_series(1, 50);"));
    for (int i = 0; i < 3; ++i) {
        for (const StatementRange &statement : StatementSplitter::split(steps.at(i).up))
            connection.execute(statement.text);
    }
    connection.execute(QStringLiteral(
        "ALTER TABLE shop.orders ADD CONSTRAINT tier_present CHECK (loyalty_tier IS NOT NULL) "
        "NOT VALID;"
        "ALTER TABLE shop.orders ADD COLUMN note text;"
        "ALTER TABLE shop.orders ADD CONSTRAINT orders_note_not_null CHECK (note <> '') "
        "NOT VALID;"));
    const KnownSchema schema = LiveSchema::load(connection);
    QCOMPARE(schema.checks.value(QStringLiteral("orders_loyalty_tier_not_null")).notNullColumn,
             QStringLiteral("loyalty_tier"));
    QCOMPARE(lintLastStep(steps.at(3).up, schema), QStringList());
    QCOMPARE(lintLastStep(renamed, schema), QStringList());
    // The name says not-null, the server's definition does not.
    QString wrongCheck = steps.at(3).up;
    wrongCheck.replace(QLatin1String("loyalty_tier"), QLatin1String("note"));
    QVERIFY(lintLastStep(wrongCheck, schema).contains(setNotNull));
    QVERIFY(lintLastStep(wrongCheck, KnownSchema()).isEmpty()); // offline the name is believed
    QVERIFY(SchemaFixtures::dropDatabase(QStringLiteral("slipway_lint_not_null"), &error));
}

QTEST_GUILESS_MAIN(TestLintLive)
#include "tst_lintlive.moc"
