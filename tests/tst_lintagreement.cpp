// Agreement of Slipway's linter with squawk's own rule tests and with strong_migrations'
// safe/unsafe verdicts, read from $SLIPWAY_CORPUS/lint. Every disagreement must be listed, with
// its PostgreSQL reason, in tests/data/lint-agreement-exceptions.tsv; a listed case that agrees
// again fails too, so the list stays true.

#include "db/pgconnection.h"
#include "lint/linter.h"
#include "lint/liveschema.h"
#include "lint/rulecatalog.h"
#include "sql/parsedscript.h"

#include "schemafixtures.h"
#include "testsandbox.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QTest>

namespace {

struct Outcome
{
    int agreed = 0;
    int total = 0;
    QStringList unexpected; // disagreements not in the exceptions file
    QStringList stale;      // exceptions that agree now
};

QString corpus()
{
    return qEnvironmentVariable("SLIPWAY_CORPUS");
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Rows of a TSV file as columns, without the header and comment lines.
QList<QStringList> readTsv(const QString &path, bool hasHeader)
{
    QList<QStringList> rows;
    const QStringList lines = readText(path).split(QLatin1Char('\n'));
    for (int i = hasHeader ? 1 : 0; i < lines.size(); ++i) {
        if (lines.at(i).isEmpty() || lines.at(i).startsWith(QLatin1Char('#')))
            continue;
        rows.append(lines.at(i).split(QLatin1Char('\t')));
    }
    return rows;
}

// corpus → case → reason
QHash<QString, QHash<QString, QString>> exceptions()
{
    QHash<QString, QHash<QString, QString>> result;
    const QString path = TestSandbox::sourceDir()
                         + QStringLiteral("/tests/data/lint-agreement-exceptions.tsv");
    for (const QStringList &row : readTsv(path, false)) {
        if (row.size() >= 3 && !row.at(2).trimmed().isEmpty())
            result[row.at(0)].insert(row.at(1), row.at(2));
    }
    return result;
}

void record(Outcome *outcome,
            const QHash<QString, QString> &listed,
            const QString &id,
            bool agrees,
            const QString &detail)
{
    ++outcome->total;
    if (agrees)
        ++outcome->agreed;
    if (!agrees && !listed.contains(id))
        outcome->unexpected.append(id + QStringLiteral(": ") + detail);
    if (agrees && listed.contains(id))
        outcome->stale.append(id);
}

void report(const char *name, const Outcome &outcome)
{
    qInfo("%s agreement: %d of %d cases (%.1f%%)",
          name,
          outcome.agreed,
          outcome.total,
          outcome.total ? 100.0 * outcome.agreed / outcome.total : 0.0);
    for (const QString &line : outcome.unexpected)
        qWarning("unlisted disagreement: %s", qPrintable(line));
    for (const QString &line : outcome.stale)
        qWarning("listed as a disagreement but agrees: %s", qPrintable(line));
}

} // namespace

class TestLintAgreement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void squawk();
    void strongMigrationsStatic();
    void strongMigrationsLive();

private:
    // `schema`: what the server knows; without it the base schema is linted first instead.
    Outcome strongMigrations(const KnownSchema *schema, const QHash<QString, QString> &listed);
};

void TestLintAgreement::initTestCase()
{
    if (corpus().isEmpty() || !QFile::exists(corpus() + QStringLiteral("/lint/squawk/INDEX.tsv")))
        QFAIL("SLIPWAY_CORPUS is not set or has no lint/ folder (export "
              "SLIPWAY_CORPUS=../shared/corpus)");
}

void TestLintAgreement::squawk()
{
    const QString root = corpus() + QStringLiteral("/lint/squawk/");
    const QHash<QString, QString> listed = exceptions().value(QStringLiteral("squawk"));
    // squawk's require-timeout-settings is Slipway's two timeout rules together.
    const QHash<QString, QStringList> combined{
        {QStringLiteral("require-timeout-settings"),
         {QStringLiteral("require-lock-timeout"), QStringLiteral("require-statement-timeout")}}};

    Outcome outcome;
    Outcome errorOk; // the error and ok cases alone, without the fixer's cases
    QHash<QString, int> notImplemented;
    for (const QStringList &row : readTsv(root + QStringLiteral("INDEX.tsv"), true)) {
        if (row.size() < 7)
            continue;
        const QString &file = row.at(0);
        const QString &squawkRule = row.at(1);
        const QString &kind = row.at(2); // error, ok, or fix (a violation the fixer repairs)
        QStringList rules = combined.value(squawkRule);
        if (rules.isEmpty() && !RuleCatalog::canonicalId(squawkRule).isEmpty())
            rules.append(RuleCatalog::canonicalId(squawkRule));
        if (rules.isEmpty()) {
            ++notImplemented[squawkRule.isEmpty() ? QStringLiteral("(none named)") : squawkRule];
            continue;
        }
        LintOptions options;
        if (!row.at(5).isEmpty())
            options.pgVersion = row.at(5).toInt();
        options.assumeInTransaction = row.at(6) == QLatin1String("yes");
        Linter linter(options);
        const QString text = readText(root + file);
        QVERIFY2(!text.isEmpty(), qPrintable(file));
        bool reported = false;
        QStringList others;
        for (const Finding &finding : linter.lintFile(file, text)) {
            if (rules.contains(finding.rule))
                reported = true;
            else
                others.append(finding.rule);
        }
        const bool expected = kind != QLatin1String("ok");
        if (kind != QLatin1String("fix"))
            record(&errorOk, listed, file, reported == expected, {});
        record(&outcome,
               listed,
               file,
               reported == expected,
               QStringLiteral("%1 expected %2, got %3 (other rules: %4)")
                   .arg(squawkRule,
                        kind,
                        reported ? QStringLiteral("a finding") : QStringLiteral("none"),
                        others.join(QStringLiteral(", "))));
    }
    report("squawk (error, ok and fix cases)", outcome);
    qInfo("squawk agreement on error and ok cases only: %d of %d (%.1f%%)",
          errorOk.agreed,
          errorOk.total,
          errorOk.total ? 100.0 * errorOk.agreed / errorOk.total : 0.0);
    for (auto it = notImplemented.cbegin(); it != notImplemented.cend(); ++it)
        qInfo("squawk cases of rules Slipway does not have: %s: %d",
              qPrintable(it.key()),
              it.value());
    QVERIFY2(outcome.unexpected.isEmpty(),
             "disagreements missing from lint-agreement-exceptions.tsv");
    QVERIFY2(outcome.stale.isEmpty(), "stale entries in lint-agreement-exceptions.tsv");
    QVERIFY(outcome.total >= 250);
    QVERIFY2(outcome.agreed >= 0.95 * outcome.total, "agreement with squawk below 95%");
}

Outcome TestLintAgreement::strongMigrations(const KnownSchema *schema,
                                            const QHash<QString, QString> &listed)
{
    const QString root = corpus() + QStringLiteral("/lint/strong_migrations/");
    const QString base = readText(root + QStringLiteral("base_schema.sql"));
    Outcome outcome;
    for (const QStringList &row : readTsv(root + QStringLiteral("CASES.tsv"), true)) {
        if (row.size() < 5)
            continue;
        const QString &id = row.at(0);
        const QString &sql = row.at(2);
        LintOptions options;
        if (schema)
            options.pgVersion = schema->serverVersion;
        Linter linter(options, schema ? *schema : KnownSchema());
        if (!schema)
            linter.lintFile(QStringLiteral("base_schema.sql"), base, false);
        const QList<Finding> findings = linter.lintFile(id, sql, row.at(3) == QLatin1String("yes"));

        // The corpus judges the last statement of a case (the ones before set the scene); BEGIN
        // and COMMIT around it do not count as statements.
        const ParsedScript parsed = ParsedScript::parse(sql);
        SqlStatement judged;
        for (const ParsedStatement &statement : parsed.statements()) {
            if (!statement.node.is("TransactionStmt"))
                judged = parsed.script().statements().at(statement.index);
        }
        QStringList unsafe;
        for (const Finding &finding : findings) {
            const RuleInfo *info = linter.rule(finding.rule);
            if (info && info->category != RuleInfo::Category::Style && finding.start >= judged.start
                && finding.start < judged.end())
                unsafe.append(finding.rule);
        }
        const bool expectedUnsafe = row.at(4) == QLatin1String("unsafe");
        record(&outcome,
               listed,
               id,
               unsafe.isEmpty() != expectedUnsafe,
               QStringLiteral("expected %1, got [%2]")
                   .arg(row.at(4), unsafe.join(QStringLiteral(", "))));
    }
    return outcome;
}

void TestLintAgreement::strongMigrationsStatic()
{
    const auto all = exceptions();
    QHash<QString, QString> listed = all.value(QStringLiteral("strong_migrations"));
    listed.insert(all.value(QStringLiteral("strong_migrations-offline")));
    const Outcome outcome = strongMigrations(nullptr, listed);
    report("strong_migrations (offline, schema from base_schema.sql)", outcome);
    QVERIFY(outcome.total >= 70);
    QVERIFY2(outcome.unexpected.isEmpty(),
             "disagreements missing from lint-agreement-exceptions.tsv");
    QVERIFY2(outcome.stale.isEmpty(), "stale entries in lint-agreement-exceptions.tsv");
}

void TestLintAgreement::strongMigrationsLive()
{
    // The same cases against a real database built from base_schema.sql: types, indexes, the
    // session time zone and function volatility come from the server.
    QString error;
    const QString conninfo = SchemaFixtures::recreateDatabase(
        QStringLiteral("slipway_lint_strong_migrations"),
        {corpus() + QStringLiteral("/lint/strong_migrations/base_schema.sql")},
        &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    PgConnection connection(conninfo);
    connection.open();
    connection.execute(QStringLiteral("SET TimeZone = 'UTC'; ANALYZE"));
    const KnownSchema schema = LiveSchema::load(connection);
    QVERIFY(schema.table(QStringLiteral("users")));
    QCOMPARE(schema.table(QStringLiteral("users"))
                 ->column(QStringLiteral("country"))
                 ->type.toString(),
             QStringLiteral("varchar(20)"));
    QVERIFY(schema.volatileFunctions.contains(QStringLiteral("gen_random_uuid")));

    const auto all = exceptions();
    QHash<QString, QString> listed = all.value(QStringLiteral("strong_migrations"));
    listed.insert(all.value(QStringLiteral("strong_migrations-live")));
    const Outcome outcome = strongMigrations(&schema, listed);
    report("strong_migrations (live database)", outcome);
    QVERIFY2(outcome.unexpected.isEmpty(),
             "disagreements missing from lint-agreement-exceptions.tsv");
    QVERIFY2(outcome.stale.isEmpty(), "stale entries in lint-agreement-exceptions.tsv");
}

QTEST_GUILESS_MAIN(TestLintAgreement)
#include "tst_lintagreement.moc"
