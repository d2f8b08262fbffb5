// index-too-many-columns: which CREATE INDEX statements count as having more than three key
// columns, and that the finding is performance advice (a warning) rather than a lock hazard.
// tst_lint holds the other index rules' cases.

#include "lint/linter.h"
#include "lint/rulecatalog.h"

#include <QTest>

namespace {

constexpr char Rule[] = "index-too-many-columns";

QList<Finding> findingsOf(const QString &sql)
{
    Linter linter;
    QList<Finding> found;
    for (const Finding &finding : linter.lintFile(QStringLiteral("case.sql"), sql)) {
        if (finding.rule == QLatin1String(Rule))
            found.append(finding);
    }
    return found;
}

} // namespace

class TestLintIndexRules : public QObject
{
    Q_OBJECT

private slots:
    void tooManyColumns_data();
    void tooManyColumns();
    void catalogEntry();
};

void TestLintIndexRules::tooManyColumns_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message"); // empty: no finding

    auto add = [](const char *name, const char *sql, const char *message) {
        QTest::newRow(name) << QString::fromUtf8(sql) << QString::fromUtf8(message);
    };
    add("four plain columns",
        "CREATE INDEX CONCURRENTLY i ON orders (customer_id, status, placed_at, total);",
        "Index i on orders has 4 key columns");
    add("four, unnamed and not concurrent",
        "CREATE INDEX ON orders (customer_id, status, placed_at, total);",
        "CREATE INDEX on orders has 4 key columns");
    add("four with an expression",
        "CREATE INDEX CONCURRENTLY i ON orders (customer_id, lower(status), placed_at, total);",
        "Index i on orders has 4 key columns");
    add("five on a table created here",
        "CREATE TABLE t (a int, b int, c int, d int, e int);\n"
        "CREATE INDEX i ON t (a, b, c, d, e);",
        "Index i on t has 5 key columns");
    add("gist, where the leading column matters too",
        "CREATE INDEX CONCURRENTLY i ON places USING gist (a, b, c, d);",
        "Index i on places has 4 key columns");
    add("unique with four",
        "CREATE UNIQUE INDEX CONCURRENTLY i ON orders (customer_id, status, placed_at, total);",
        "");
    add("three and INCLUDE (a, b)",
        "CREATE INDEX CONCURRENTLY i ON orders (customer_id, status, placed_at) INCLUDE (a, b);",
        "");
    add("three", "CREATE INDEX CONCURRENTLY i ON orders (customer_id, status, placed_at);", "");
    add("gin, which serves any subset of its columns",
        "CREATE INDEX CONCURRENTLY i ON docs USING gin (a, b, c, d);",
        "");
    add("brin", "CREATE INDEX CONCURRENTLY i ON events USING brin (a, b, c, d);", "");
}

void TestLintIndexRules::tooManyColumns()
{
    QFETCH(QString, sql);
    QFETCH(QString, message);
    const QList<Finding> found = findingsOf(sql);
    if (message.isEmpty()) {
        QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().message));
        return;
    }
    QCOMPARE(found.size(), 1);
    const Finding &finding = found.first();
    QCOMPARE(finding.severity, Finding::Severity::Warning);
    QVERIFY2(finding.message.startsWith(message), qPrintable(finding.message));
    QVERIFY(sql.mid(finding.start, finding.length).contains(QLatin1String("INDEX")));
}

void TestLintIndexRules::catalogEntry()
{
    const std::optional<RuleInfo> info = RuleCatalog::rule(QString::fromLatin1(Rule));
    QVERIFY(info);
    QCOMPARE(info->severity, Finding::Severity::Warning);
    QCOMPARE(info->category, RuleInfo::Category::Performance);
    QVERIFY(info->lock.startsWith(QLatin1String("None beyond what CREATE INDEX")));
    QVERIFY(info->why.contains(QLatin1String("leading columns")));
    QVERIFY(info->safeAlternative.contains(QLatin1String("INCLUDE")));
}

QTEST_GUILESS_MAIN(TestLintIndexRules)
#include "tst_lintindexrules.moc"
