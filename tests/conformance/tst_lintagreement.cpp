// Agreement of Slipway's linter with squawk's own rule tests and with strong_migrations'
// safe/unsafe verdicts, read from $SLIPWAY_CORPUS/lint. Every disagreement must be listed, with
// its PostgreSQL reason, in tests/data/lint-agreement-exceptions.tsv (a case, or a squawk rule
// Slipway does not implement); a listed case that agrees again fails too, so the list stays
// true. Listed disagreements still count against the agreement figures.

#include "db/pgconnection.h"
#include "lint/linter.h"
#include "lint/liveschema.h"
#include "lint/rulecatalog.h"
#include "sql/parsedscript.h"

#include "corpus.h"
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

// corpus → case → reason ("squawk-not-implemented" → squawk rule id → reason)
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

// `listed`: the case is in the exceptions file; `excused`: it may disagree (listed, or its rule
// is listed as not implemented).
void record(Outcome *outcome,
            bool listed,
            bool excused,
            const QString &id,
            bool agrees,
            const QString &detail)
{
    ++outcome->total;
    if (agrees)
        ++outcome->agreed;
    if (!agrees && !excused)
        outcome->unexpected.append(id + QStringLiteral(": ") + detail);
    if (agrees && listed)
        outcome->stale.append(id);
}

double agreement(const Outcome &outcome)
{
    return outcome.total ? double(outcome.agreed) / outcome.total : 0.0;
}

void report(const char *name, const Outcome &outcome)
{
    qInfo("%s agreement: %d of %d cases (%.1f%%)",
          name,
          outcome.agreed,
          outcome.total,
          100.0 * agreement(outcome));
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
    QString lint;
    SLIPWAY_REQUIRE_CORPUS(lint, QStringLiteral("lint"));
    QVERIFY2(QFile::exists(lint + QStringLiteral("/squawk/INDEX.tsv")),
             qPrintable(lint + QStringLiteral("/squawk/INDEX.tsv is missing")));
}

void TestLintAgreement::squawk()
{
    const QString root = corpus() + QStringLiteral("/lint/squawk/");
    const auto all = exceptions();
    const QHash<QString, QString> listed = all.value(QStringLiteral("squawk"));
    const QHash<QString, QString> notImplemented = all.value(
        QStringLiteral("squawk-not-implemented"));
    // squawk's require-timeout-settings is Slipway's two timeout rules together; its
    // prefer-repack (REPACK instead of VACUUM FULL or CLUSTER) is ban-vacuum-full and
    // ban-cluster.
    const QHash<QString, QStringList> combined{{QStringLiteral("require-timeout-settings"),
                                                {QStringLiteral("require-lock-timeout"),
                                                 QStringLiteral("require-statement-timeout")}},
                                               {QStringLiteral("prefer-repack"),
                                                {QStringLiteral("ban-vacuum-full"),
                                                 QStringLiteral("ban-cluster")}}};
    for (auto it = notImplemented.cbegin(); it != notImplemented.cend(); ++it) {
        QVERIFY2(RuleCatalog::canonicalId(it.key()).isEmpty() && !combined.contains(it.key()),
                 qPrintable(it.key() + QStringLiteral(" is listed as not implemented but is")));
    }

    Outcome outcome;
    Outcome errorOk; // the error and ok cases alone, without the fixer's cases
    QHash<QString, int> unimplementedRows;
    for (const QStringList &row : readTsv(root + QStringLiteral("INDEX.tsv"), true)) {
        if (row.size() < 7)
            continue;
        const QString &file = row.at(0);
        QString squawkRule = row.at(1);
        if (squawkRule.isEmpty()) {
            // Some fixer cases name no rule; their file does: cases/prefer_repack__fix_….sql.
            squawkRule = file.section(QLatin1Char('/'), -1)
                             .section(QStringLiteral("__"), 0, 0)
                             .replace(QLatin1Char('_'), QLatin1Char('-'));
        }
        const QString &kind = row.at(2); // error, ok, or fix (a violation the fixer repairs)
        QStringList rules = combined.value(squawkRule);
        if (rules.isEmpty() && !RuleCatalog::canonicalId(squawkRule).isEmpty())
            rules.append(RuleCatalog::canonicalId(squawkRule));
        const bool expected = kind != QLatin1String("ok");
        if (rules.isEmpty()) {
            // Counted like any case: an ok case agrees, the others do not.
            ++unimplementedRows[squawkRule];
            const bool excused = notImplemented.contains(squawkRule);
            if (kind != QLatin1String("fix"))
                record(&errorOk, false, excused, file, !expected, {});
            record(&outcome,
                   listed.contains(file),
                   excused || listed.contains(file),
                   file,
                   !expected,
                   QStringLiteral("%1 is not a Slipway rule and not listed as not implemented")
                       .arg(squawkRule));
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
        if (kind != QLatin1String("fix"))
            record(&errorOk, false, true, file, reported == expected, {});
        record(&outcome,
               listed.contains(file),
               listed.contains(file),
               file,
               reported == expected,
               QStringLiteral("%1 expected %2, got %3 (other rules: %4)")
                   .arg(squawkRule,
                        kind,
                        reported ? QStringLiteral("a finding") : QStringLiteral("none"),
                        others.join(QStringLiteral(", "))));
    }
    report("squawk (every case: error, ok and fix)", outcome);
    qInfo("squawk agreement on error and ok cases only: %d of %d (%.1f%%)",
          errorOk.agreed,
          errorOk.total,
          100.0 * agreement(errorOk));
    for (auto it = unimplementedRows.cbegin(); it != unimplementedRows.cend(); ++it)
        qInfo("squawk cases of rules Slipway does not have (counted above): %s: %d",
              qPrintable(it.key()),
              it.value());
    QVERIFY2(outcome.unexpected.isEmpty(),
             "disagreements missing from lint-agreement-exceptions.tsv");
    QVERIFY2(outcome.stale.isEmpty(), "stale entries in lint-agreement-exceptions.tsv");
    QVERIFY(outcome.total >= 350); // every row of INDEX.tsv
    QVERIFY2(agreement(outcome) >= 0.95, "agreement with squawk below 95%");
}

Outcome TestLintAgreement::strongMigrations(const KnownSchema *schema,
                                            const QHash<QString, QString> &listed)
{
    const QString root = corpus() + QStringLiteral("/lint/strong_migrations/");
    const QString base = readText(root + QStringLiteral("base_schema.sql"));
    // Cases whose note puts the danger before the last statement: create_table_force is Rails'
    // create_table force: true, unsafe for the DROP TABLE … CASCADE it runs first.
    static const QSet<QString> judgedAsAWhole{QStringLiteral("create_table_force")};
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

        // The corpus judges the last statement of a case (the ones before set the scene) unless
        // its note says otherwise; BEGIN and COMMIT around it do not count as statements.
        const ParsedScript parsed = ParsedScript::parse(sql);
        SqlStatement judged;
        for (const ParsedStatement &statement : parsed.statements()) {
            if (!statement.node.is("TransactionStmt"))
                judged = parsed.script().statements().at(statement.index);
        }
        int judgedFrom = judged.start;
        if (judgedAsAWhole.contains(id))
            judgedFrom = 0;
        // Style findings are habits strong_migrations does not judge; performance advice is
        // (its add_index check stops an index of more than three non-unique columns).
        QStringList unsafe;
        for (const Finding &finding : findings) {
            const RuleInfo *info = linter.rule(finding.rule);
            if (info && info->category != RuleInfo::Category::Style && finding.start >= judgedFrom
                && finding.start < judged.end())
                unsafe.append(finding.rule);
        }
        const bool expectedUnsafe = row.at(4) == QLatin1String("unsafe");
        record(&outcome,
               listed.contains(id),
               listed.contains(id),
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
    // 95% is out of reach for PostgreSQL reasons: of the 76 cases, three verdicts are wrong about
    // PostgreSQL 11 to 17 (a STABLE default, PostgreSQL 18 syntax, a catalog-only SET DEFAULT)
    // and one needs the session time zone, which is unknown offline. 72 of 76 is the honest best.
    QVERIFY2(agreement(outcome) >= 72.0 / 76.0 - 1e-9,
             "agreement with strong_migrations (offline) below 72 of 76");
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
    // The same three PostgreSQL reasons as offline (the time zone is known here): 73 of 76
    // (96.1%) is the honest best.
    QVERIFY2(agreement(outcome) >= 73.0 / 76.0 - 1e-9,
             "agreement with strong_migrations (live) below 73 of 76");
    QVERIFY2(agreement(outcome) >= 0.95, "agreement with strong_migrations (live) below 95%");
}

QTEST_GUILESS_MAIN(TestLintAgreement)
#include "tst_lintagreement.moc"
