// ProductionGuard (ui): the question asked before SQL runs on a production connection. Which
// statements need it is StatementEffect's decision (tst_statementeffect covers every kind); here:
// the guard's API over it, and the prompt itself (offscreen).
#include "productionguard.h"

#include <QInputDialog>
#include <QTest>
#include <QWidget>

#include <optional>

class TestProductionGuard : public QObject
{
    Q_OBJECT

private slots:
    void productionGuardClassifies_data();
    void productionGuardClassifies();
    void productionGuardListsReasons();
    void confirmNeedsTheExactDatabaseName_data();
    void confirmNeedsTheExactDatabaseName();
    void confirmListsTheReasons();
    void confirmShortensLongLists();

private:
    QInputDialog *openPrompt(QWidget *parent,
                             const QStringList &reasons,
                             std::optional<bool> *answer);
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
    QTest::newRow("insert") << "INSERT INTO t VALUES (1)" << true;
    QTest::newRow("grant") << "GRANT SELECT ON t TO bob" << true;
    QTest::newRow("alter add column") << "ALTER TABLE t ADD COLUMN c int" << true;
    QTest::newRow("do block") << "DO $$ BEGIN DELETE FROM t; END $$" << true;
    QTest::newRow("call") << "CALL p()" << true;
    QTest::newRow("select for update") << "SELECT * FROM t FOR UPDATE" << true;
    QTest::newRow("syntax error") << "DELTE FROM t" << true;
    QTest::newRow("explain analyze delete") << "EXPLAIN ANALYZE DELETE FROM t" << true;
    QTest::newRow("explain delete") << "EXPLAIN DELETE FROM t" << false;
    QTest::newRow("create temp table") << "CREATE TEMP TABLE x (id int)" << false;
    QTest::newRow("dollar quoted") << "SELECT $$DROP TABLE t$$" << false;
    QTest::newRow("set") << "SET search_path = app" << false;
    QTest::newRow("begin") << "BEGIN" << false;
    QTest::newRow("empty") << "   " << false;
}

void TestProductionGuard::productionGuardClassifies()
{
    QFETCH(QString, sql);
    QFETCH(bool, destructive);
    QCOMPARE(ProductionGuard::isDestructive(sql), destructive);
    QCOMPARE(ProductionGuard::destructiveReason(sql).isEmpty(), !destructive);
}

void TestProductionGuard::productionGuardListsReasons()
{
    QCOMPARE(ProductionGuard::destructiveReason(QStringLiteral("DELETE FROM public.orders")),
             QStringLiteral("DELETE without WHERE on public.orders (every row)"));
    // The irreversible ones first, each once.
    const QStringList reasons = ProductionGuard::destructiveReasons(
        QStringLiteral("SELECT 1;\nUPDATE t SET a = 1 WHERE id = 2;\n-- DROP in a comment;\n"
                       "DROP TABLE u;\nUPDATE t SET a = 1 WHERE id = 3;"));
    QCOMPARE(reasons, (QStringList{QStringLiteral("DROP TABLE u"), QStringLiteral("UPDATE on t")}));
    QVERIFY(ProductionGuard::destructiveReasons(QStringLiteral("SELECT ';DROP TABLE t'")).isEmpty());
}

QInputDialog *TestProductionGuard::openPrompt(QWidget *parent,
                                              const QStringList &reasons,
                                              std::optional<bool> *answer)
{
    ProductionGuard::confirm(parent, QStringLiteral("shop"), reasons, [answer](bool confirmed) {
        *answer = confirmed;
    });
    auto *dialog = parent->findChild<QInputDialog *>(QStringLiteral("productionConfirmation"));
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void TestProductionGuard::confirmNeedsTheExactDatabaseName_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("accept");
    QTest::addColumn<bool>("confirmed");
    QTest::newRow("exact name") << "shop" << true << true;
    QTest::newRow("wrong name") << "shop2" << true << false;
    QTest::newRow("other case") << "SHOP" << true << false;
    QTest::newRow("blank") << "" << true << false;
    QTest::newRow("cancelled") << "shop" << false << false;
}

void TestProductionGuard::confirmNeedsTheExactDatabaseName()
{
    QFETCH(QString, typed);
    QFETCH(bool, accept);
    QFETCH(bool, confirmed);

    QWidget window;
    window.show();
    std::optional<bool> answer;
    QInputDialog *dialog = openPrompt(&window, {QStringLiteral("DROP TABLE t")}, &answer);
    QVERIFY(dialog);
    QVERIFY(!answer.has_value()); // asynchronous: nothing is decided until the user answers
    dialog->setTextValue(typed);
    if (accept)
        dialog->accept();
    else
        dialog->reject();
    QTRY_VERIFY(answer.has_value());
    QCOMPARE(*answer, confirmed);
    QTRY_VERIFY(!window.findChild<QInputDialog *>()); // deleted on close
}

void TestProductionGuard::confirmListsTheReasons()
{
    QWidget window;
    window.show();
    std::optional<bool> answer;
    const QStringList reasons = ProductionGuard::destructiveReasons(
        QStringLiteral("DO $$ BEGIN PERFORM 1; END $$;\nDELETE FROM orders;"));
    QInputDialog *dialog = openPrompt(&window, reasons, &answer);
    QVERIFY(dialog);
    const QString label = dialog->labelText();
    QVERIFY2(label.contains(QStringLiteral("• DELETE without WHERE on orders (every row)\n"
                                           "• DO block (may run anything)")),
             qPrintable(label));
    QVERIFY(label.contains(QStringLiteral("\"shop\"")));
    QVERIFY(label.contains(QStringLiteral("PRODUCTION")));
    dialog->reject();
    QTRY_VERIFY(answer.has_value());
}

void TestProductionGuard::confirmShortensLongLists()
{
    QWidget window;
    window.show();
    std::optional<bool> answer;
    QStringList reasons;
    for (int i = 1; i <= 15; ++i)
        reasons.append(QStringLiteral("DROP TABLE t%1").arg(i));
    QInputDialog *dialog = openPrompt(&window, reasons, &answer);
    QVERIFY(dialog);
    const QString label = dialog->labelText();
    QVERIFY(label.contains(QStringLiteral("• DROP TABLE t12\n")));
    QVERIFY(!label.contains(QStringLiteral("DROP TABLE t13")));
    QVERIFY2(label.contains(QStringLiteral("… and 3 more")), qPrintable(label));
    dialog->reject();
    QTRY_VERIFY(answer.has_value());
    QCOMPARE(*answer, false);
}

QTEST_MAIN(TestProductionGuard)
#include "tst_productionguard.moc"
