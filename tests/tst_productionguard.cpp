// Tests of ProductionGuard's classification of destructive statements (no server needed): the
// guard decides which statements on a production connection must be confirmed by database name.

#include "productionguard.h"

#include <QTest>

class TestProductionGuard : public QObject
{
    Q_OBJECT

private slots:
    void productionGuardClassifies_data();
    void productionGuardClassifies();
    void productionGuardListsReasons();
};

void TestProductionGuard::productionGuardClassifies_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("destructive");
    QTest::newRow("select") << "SELECT * FROM t" << false;
    QTest::newRow("drop") << "DROP TABLE t" << true;
    QTest::newRow("drop lower, comment first") << "-- tidy up\n/* old */ drop table t" << true;
    QTest::newRow("truncate") << "TRUNCATE t" << true;
    QTest::newRow("delete") << "DELETE FROM t WHERE id = 1" << true;
    QTest::newRow("update") << "update t set a = 1" << true;
    QTest::newRow("grant") << "GRANT SELECT ON t TO bob" << true;
    QTest::newRow("revoke") << "REVOKE ALL ON t FROM bob" << true;
    QTest::newRow("alter drop column") << "ALTER TABLE t DROP COLUMN c" << true;
    QTest::newRow("alter add column") << "ALTER TABLE t ADD COLUMN c int" << false;
    QTest::newRow("alter with drop in a string")
        << "ALTER TABLE t ALTER c SET DEFAULT 'drop'" << false;
    QTest::newRow("alter quoted drop") << "ALTER TABLE \"drop\" ADD c int" << false;
    QTest::newRow("insert") << "INSERT INTO t VALUES (1)" << false;
    QTest::newRow("create") << "CREATE TABLE drop_me (id int)" << false;
    QTest::newRow("select for update") << "SELECT * FROM t FOR UPDATE" << false;
    QTest::newRow("with for update")
        << "WITH x AS (SELECT 1) SELECT * FROM t FOR NO KEY UPDATE" << false;
    QTest::newRow("with delete") << "WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone"
                                 << true;
    QTest::newRow("explain analyze delete") << "EXPLAIN ANALYZE DELETE FROM t" << true;
    QTest::newRow("explain delete") << "EXPLAIN DELETE FROM t" << false;
    QTest::newRow("dollar quoted") << "SELECT $$DROP TABLE t$$" << false;
    QTest::newRow("nested comment") << "/* a /* b */ DROP */ SELECT 1" << false;
    QTest::newRow("escape string") << "SELECT E'it\\'s; DROP' AS x" << false;
    QTest::newRow("empty") << "   " << false;
}

void TestProductionGuard::productionGuardClassifies()
{
    QFETCH(QString, sql);
    QFETCH(bool, destructive);
    QCOMPARE(ProductionGuard::isDestructive(sql), destructive);
}

void TestProductionGuard::productionGuardListsReasons()
{
    const QStringList reasons = ProductionGuard::destructiveReasons(
        QStringLiteral("SELECT 1;\nDELETE FROM t;\n-- DROP in a comment;\nALTER TABLE t DROP c;\n"
                       "delete from u;"));
    QCOMPARE(reasons, (QStringList{QStringLiteral("DELETE"), QStringLiteral("ALTER … DROP")}));
    QVERIFY(ProductionGuard::destructiveReasons(QStringLiteral("SELECT ';DROP TABLE t'")).isEmpty());
}

QTEST_MAIN(TestProductionGuard)
#include "tst_productionguard.moc"
