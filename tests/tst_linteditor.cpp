// The editor side of linting, offscreen: findings appear as squiggles and margin markers while
// typing (debounced, computed off the GUI thread), completion offers the live schema's names,
// the Problems list, the key words the parser knows, find/replace, go to line and comment
// toggling. ThreadGuard forbids database calls on the GUI thread throughout.

#include "codeeditor.h"
#include "editorlinter.h"
#include "findbar.h"
#include "guitest.h"
#include "problemsview.h"
#include "sqlconsole.h"
#include "sqleditor.h"
#include "sqllexer.h"

#include "db/connectionworker.h"
#include "db/pgconnection.h"
#include "db/rowbatch.h"
#include "db/threadguard.h"
#include "lint/lintmodel.h"
#include "lint/rulecatalog.h"
#include "sql/sqlkeywords.h"

#include "testsandbox.h"

#include <Qsci/qsciapis.h>

#include <pg_query.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QThread>

class TestLintEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup() { GuiTest::closeDialogs(); }
    void typingShowsIndicatorOverTheStatement();
    void staleResultsAreDropped();
    void lintModel();
    void consoleProblemsTab();
    void completionFromLiveSchema();
    void keywordsAreTheParsers();
    void findAndReplace();
    void goToLine();
    void toggleComment();
    void screenshot();
};

void TestLintEditor::initTestCase()
{
    GuiTest::prepareApplication(QStringLiteral("tst_linteditor"));
    QString error;
    if (!GuiTest::loadFixture(&error))
        QFAIL(qPrintable(error));
}

void TestLintEditor::typingShowsIndicatorOverTheStatement()
{
    SqlEditor editor;
    EditorLinter linter(&editor);
    editor.resize(600, 300);
    editor.show();
    QSignalSpy changed(&linter, &EditorLinter::findingsChanged);

    editor.setText(QStringLiteral("SELECT 1;\n"));
    editor.setCursorPosition(1, 0);
    const QString statement = QStringLiteral("CREATE INDEX i ON t (c)");
    QTest::keyClicks(editor.viewport(), statement + QLatin1Char(';'));
    // Nothing yet: the lint waits for a pause in typing.
    QCOMPARE(changed.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() > 0 && !linter.isRunning(), 10000);

    const QString text = editor.text();
    const int start = int(text.indexOf(statement));
    QVERIFY(start > 0);
    QStringList rules;
    for (const Finding &finding : editor.findings())
        rules.append(finding.rule);
    QVERIFY2(rules.contains(QStringLiteral("require-concurrent-index-creation")),
             qPrintable(rules.join(QLatin1Char(','))));
    // The error squiggle covers exactly the statement: not the SELECT before, not the ';'.
    for (int i = start; i < start + statement.size(); ++i)
        QVERIFY2(editor.hasIndicatorAt(CodeEditor::ProblemErrorIndicator, i),
                 qPrintable(QString::number(i)));
    QVERIFY(!editor.hasIndicatorAt(CodeEditor::ProblemErrorIndicator, start - 1));
    QVERIFY(
        !editor.hasIndicatorAt(CodeEditor::ProblemErrorIndicator, start + int(statement.size())));
    QVERIFY(!editor.hasIndicatorAt(CodeEditor::ProblemErrorIndicator, 0));
    QVERIFY(editor.hasLineMarker(CodeEditor::ErrorMarker, 2));
    QVERIFY(!editor.hasLineMarker(CodeEditor::ErrorMarker, 1));
    const QString tip = editor.indicatorMessageAt(start + 3);
    QVERIFY2(tip.contains(QLatin1String("require-concurrent-index-creation")), qPrintable(tip));
    QVERIFY(tip.contains(QLatin1String("CONCURRENTLY")));
    QVERIFY(tip.contains(QLatin1String("Instead:")));
    // Why it is dangerous, in the rule's own words, not just the label.
    const std::optional<RuleInfo> rule = RuleCatalog::rule(
        QStringLiteral("require-concurrent-index-creation"));
    QVERIFY(rule && rule->why.size() > 20);
    QVERIFY2(tip.contains(QLatin1String("Why:")) && tip.contains(rule->why.toHtmlEscaped()),
             qPrintable(tip));
    QVERIFY(tip.contains(rule->lock.toHtmlEscaped()));

    // The run happened on a pool thread, with database calls forbidden on this one.
    QVERIFY(ThreadGuard::isForbidden());
    QVERIFY(linter.lastRunThread());
    QVERIFY(linter.lastRunThread() != QThread::currentThread());
    QVERIFY(linter.lastRunThread() != qApp->thread());

    // Fixing the statement clears the error.
    editor.setText(
        QStringLiteral("SELECT 1;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (c);"));
    QTRY_VERIFY_WITH_TIMEOUT(!editor.hasIndicatorAt(CodeEditor::ProblemErrorIndicator, start + 1),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(!linter.isRunning(), 10000);
    QVERIFY(!editor.hasLineMarker(CodeEditor::ErrorMarker, 2));
}

void TestLintEditor::staleResultsAreDropped()
{
    SqlEditor editor;
    EditorLinter linter(&editor);
    QSignalSpy changed(&linter, &EditorLinter::findingsChanged);
    editor.setText(QStringLiteral("DROP TABLE orders;"));
    linter.lintNow();
    // The text changes before the run comes back: its findings must not be shown.
    editor.setText(QStringLiteral("SELECT 1;"));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() > 0 && !linter.isRunning(), 10000);
    QVERIFY(changed.last().first().value<QList<Finding>>().isEmpty());
    QCOMPARE(linter.model()->rowCount(), 0);
    QVERIFY(editor.findings().isEmpty());
}

void TestLintEditor::lintModel()
{
    LintModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Finding error;
    error.rule = QStringLiteral("ban-drop-table");
    error.message = QStringLiteral("DROP TABLE t loses its data");
    error.line = 3;
    Finding warning = error;
    warning.severity = Finding::Severity::Warning;
    warning.rule = QStringLiteral("prefer-robust-stmts");
    warning.impact = QStringLiteral("t: 8 KB, about 3 rows");
    model.setFindings({error, warning});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(LintModel::ColumnCount));
    QCOMPARE(model.errorCount(), 1);
    QCOMPARE(model.data(model.index(0, LintModel::SeverityColumn)).toString(),
             QStringLiteral("Error"));
    QCOMPARE(model.data(model.index(0, LintModel::LineColumn)).toInt(), 3);
    QCOMPARE(model.data(model.index(1, LintModel::RuleColumn)).toString(),
             QStringLiteral("prefer-robust-stmts"));
    QVERIFY(model.data(model.index(1, 0), Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("about 3 rows")));
    QCOMPARE(model.headerData(LintModel::MessageColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Message"));
    model.setFindings({});
    QCOMPARE(model.rowCount(), 0);
}

void TestLintEditor::consoleProblemsTab()
{
    SqlConsole console;
    console.resize(900, 600);
    console.show();
    // The view's model is the icon proxy over the lint model; it sees every reset.
    QAbstractItemModelTester tester(console.problemsView()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    console.editor()->setText(QStringLiteral("UPDATE orders SET total = 0;\nSELECT 1;"));
    QTRY_VERIFY_WITH_TIMEOUT(console.linter()->model()->rowCount() > 0
                                 && !console.linter()->isRunning(),
                             10000);
    QTabWidget *tabs = console.outputTabs();
    int problemsTab = -1;
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i) == console.problemsView())
            problemsTab = i;
    }
    QVERIFY(problemsTab >= 0);
    QVERIFY2(tabs->tabText(problemsTab).startsWith(QLatin1String("Problems (")),
             qPrintable(tabs->tabText(problemsTab)));

    // Activating a problem selects its statement in the editor.
    ProblemsView *view = console.problemsView();
    const QModelIndex first = view->model()->index(0, LintModel::MessageColumn);
    QVERIFY(!view->model()
                 ->data(view->model()->index(0, LintModel::SeverityColumn), Qt::DecorationRole)
                 .isNull());
    QCOMPARE(view->model()->data(first).toString(),
             console.linter()
                 ->model()
                 ->data(console.linter()->model()->index(0, LintModel::MessageColumn))
                 .toString());
    emit view->activated(first);
    QCOMPARE(console.editor()->selectedText(), QStringLiteral("UPDATE orders SET total = 0"));

    // New findings (and none) go through the proxy as resets the tester checks.
    console.editor()->setText(QStringLiteral("DELETE FROM orders;\nDROP TABLE orders;"));
    auto showsRule = [view](const QString &rule) {
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            if (view->model()->index(row, LintModel::RuleColumn).data().toString() == rule)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!console.linter()->isRunning()
                                 && showsRule(QStringLiteral("ban-drop-table"))
                                 && showsRule(QStringLiteral("ban-delete-without-where")),
                             10000);
    console.editor()->setText(QStringLiteral("SELECT 1;"));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() == 0 && !console.linter()->isRunning(),
                             10000);
}

void TestLintEditor::completionFromLiveSchema()
{
    // A real database with a table; the schema is read through the ConnectionWorker (the GUI
    // thread may not touch the database) and becomes completion words, lexer names and
    // table sizes for the findings.
    const QString admin = GuiTest::fixtureConninfo();
    QVERIFY(!admin.isEmpty());
    {
        ThreadGuard::allowAllThreads();
        PgConnection connection(admin);
        connection.open();
        connection.execute(QStringLiteral("DROP DATABASE IF EXISTS slipway_lint_editor"));
        connection.execute(QStringLiteral("CREATE DATABASE slipway_lint_editor"));
        PgConnection database(TestSandbox::conninfo(QStringLiteral("slipway_lint_editor")));
        database.open();
        database.execute(QStringLiteral(
            "CREATE SCHEMA shop; CREATE TABLE shop.customers (id bigint, loyalty_tier text);"
            "INSERT INTO shop.customers SELECT g, 'gold' FROM generate_series(1, 30) g;"
            "ANALYZE shop.customers;"));
        ThreadGuard::forbidCurrentThread();
    }
    ConnectionWorker worker(std::make_unique<PgConnection>(
        TestSandbox::conninfo(QStringLiteral("slipway_lint_editor"))));
    QSignalSpy opened(&worker, &ConnectionWorker::opened);
    worker.open();
    QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 20000);

    SqlEditor editor;
    EditorLinter linter(&editor);
    QSignalSpy schemaLoaded(&linter, &EditorLinter::schemaLoaded);
    linter.setConnection(&worker);
    editor.setText(QStringLiteral("CREATE INDEX i ON customers (loyalty_tier);"));
    QTRY_VERIFY_WITH_TIMEOUT(schemaLoaded.count() == 1, 20000);
    QVERIFY(linter.hasSchema());
    QTRY_VERIFY_WITH_TIMEOUT(editor.isCompletionReady(), 20000);

    QStringList list;
    editor.completionApis()->updateAutoCompletionList({QStringLiteral("custo")}, list);
    QVERIFY2(list.join(QLatin1Char(' ')).contains(QLatin1String("customers")),
             qPrintable(list.join(QLatin1Char(' '))));
    // Schema names too, on their own and before their tables.
    list.clear();
    editor.completionApis()->updateAutoCompletionList({QStringLiteral("sho")}, list);
    for (QString &word : list)
        word = word.trimmed(); // QsciAPIs appends a space to words without a call tip
    QVERIFY2(list.contains(QStringLiteral("shop")), qPrintable(list.join(QLatin1Char('|'))));
    list.clear();
    editor.completionApis()->updateAutoCompletionList({QStringLiteral("shop.cus")}, list);
    QVERIFY2(list.join(QLatin1Char(' ')).contains(QLatin1String("shop.customers")),
             qPrintable(list.join(QLatin1Char(' '))));
    list.clear();
    editor.completionApis()->updateAutoCompletionList({QStringLiteral("loyalty")}, list);
    QVERIFY2(list.join(QLatin1Char(' ')).contains(QLatin1String("loyalty_tier")),
             qPrintable(list.join(QLatin1Char(' '))));
    QVERIFY(QByteArray(editor.sqlLexer()->keywords(SqlLexer::Tables)).contains("customers"));

    // The index finding knows the table's size now, and 30 rows are below the threshold.
    QTRY_VERIFY_WITH_TIMEOUT(!editor.findings().isEmpty()
                                 && !editor.findings().first().impact.isEmpty(),
                             10000);
    const Finding &finding = editor.findings().first();
    QCOMPARE(finding.rule, QStringLiteral("require-concurrent-index-creation"));
    QCOMPARE(finding.severity, Finding::Severity::Warning);
    QVERIFY2(finding.impact.contains(QLatin1String("about 30 rows")), qPrintable(finding.impact));
}

void TestLintEditor::keywordsAreTheParsers()
{
    // The lexer's key words come from libpg_query's table; the server of the same major version
    // must list the very same words in the same categories.
    const QList<SqlKeywords::Keyword> &keywords = SqlKeywords::all();
    QVERIFY(keywords.size() > 400);
    QHash<QString, QString> library;
    static const char categories[] = "UCTR";
    for (const SqlKeywords::Keyword &keyword : keywords)
        library.insert(QString::fromLatin1(keyword.word),
                       QString(QLatin1Char(categories[int(keyword.category)])));
    QHash<QString, QString> server;
    int serverMajor = 0;
    {
        ThreadGuard::allowAllThreads();
        PgConnection connection(GuiTest::fixtureConninfo());
        connection.open();
        const RowBatch words = connection.fetchAll(
            QStringLiteral("SELECT word, catcode, current_setting('server_version_num')::int "
                           "/ 10000 FROM pg_get_keywords()"));
        for (int row = 0; row < words.rowCount(); ++row) {
            server.insert(words.text(row, 0), words.text(row, 1));
            serverMajor = words.text(row, 2).toInt();
        }
        ThreadGuard::forbidCurrentThread();
    }
    if (QString::number(serverMajor) != QLatin1String(PG_MAJORVERSION))
        QSKIP("the fixture server's major version differs from libpg_query's");
    QStringList missing;
    QStringList extra;
    for (auto it = server.cbegin(); it != server.cend(); ++it) {
        if (library.value(it.key()) != it.value())
            missing.append(it.key() + QLatin1Char(':') + it.value());
    }
    for (auto it = library.cbegin(); it != library.cend(); ++it) {
        if (!server.contains(it.key()))
            extra.append(it.key());
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(' '))));
    QVERIFY2(extra.isEmpty(), qPrintable(extra.join(QLatin1Char(' '))));

    // Every key word is highlighted: as a key word, or as a type or function name.
    SqlEditor editor;
    QSet<QString> highlighted;
    for (int set : {SqlLexer::Keywords, SqlLexer::Types, SqlLexer::Functions}) {
        for (const QString &word : QString::fromLatin1(editor.sqlLexer()->keywords(set))
                                       .split(QLatin1Char(' '), Qt::SkipEmptyParts))
            highlighted.insert(word);
    }
    QStringList plain;
    for (auto it = library.cbegin(); it != library.cend(); ++it) {
        if (!highlighted.contains(it.key()))
            plain.append(it.key());
    }
    QVERIFY2(plain.isEmpty(), qPrintable(plain.join(QLatin1Char(' '))));
    const QStringList keywordSet = QString::fromLatin1(
                                       editor.sqlLexer()->keywords(SqlLexer::Keywords))
                                       .split(QLatin1Char(' '));
    for (const char *word : {"atomic",
                             "asensitive",
                             "breadth",
                             "depth",
                             "national",
                             "dec",
                             "nchar",
                             "xmlattributes",
                             "xmlelement",
                             "xmltable",
                             "merge"})
        QVERIFY2(keywordSet.contains(QLatin1String(word)), word);
    QVERIFY(SqlKeywords::isKeyword("ATOMIC"));
    QVERIFY(!SqlKeywords::isKeyword("customers"));
}

void TestLintEditor::findAndReplace()
{
    SqlEditor editor;
    editor.resize(700, 300);
    editor.show();
    editor.setText(QStringLiteral("select a from t;\nSELECT b FROM t;\nselect c from u;"));
    editor.findAction()->trigger();
    FindBar *bar = editor.findBar();
    QVERIFY(bar->isVisible());
    QVERIFY(!bar->replaceEdit()->isVisible());
    bar->findEdit()->setText(QStringLiteral("select"));
    QCOMPARE(bar->matchCount(), 3);
    QVERIFY(editor.hasIndicatorAt(CodeEditor::FindIndicator,
                                  int(editor.text().indexOf(QLatin1String("SELECT")))));
    QCOMPARE(editor.selectedText(), QStringLiteral("select"));
    bar->caseSensitive()->setChecked(true);
    QCOMPARE(bar->matchCount(), 2);

    editor.replaceAction()->trigger();
    QVERIFY(bar->replaceEdit()->isVisible());
    bar->replaceEdit()->setText(QStringLiteral("SELECT"));
    QCOMPARE(bar->replaceAll(), 2);
    QCOMPARE(editor.text(), QStringLiteral("SELECT a from t;\nSELECT b FROM t;\nSELECT c from u;"));
    editor.undo(); // one step
    QCOMPARE(editor.text(), QStringLiteral("select a from t;\nSELECT b FROM t;\nselect c from u;"));

    bar->findEdit()->setText(QStringLiteral("nothing like this"));
    QCOMPARE(bar->matchCount(), 0);
    QTest::keyClick(bar->findEdit(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    QVERIFY(!editor.hasIndicatorAt(CodeEditor::FindIndicator, 0));
}

void TestLintEditor::goToLine()
{
    SqlEditor editor;
    QStringList lines;
    for (int i = 1; i <= 200; ++i)
        lines.append(QStringLiteral("SELECT %1;").arg(i));
    editor.setText(lines.join(QLatin1Char('\n')));
    editor.resize(500, 200);
    editor.show();
    editor.goToLine(150);
    int line = 0;
    int index = 0;
    editor.getCursorPosition(&line, &index);
    QCOMPARE(line, 149);
    QVERIFY(editor.firstVisibleLine() > 100);

    editor.goToLineAction()->trigger();
    auto *dialog = editor.findChild<QInputDialog *>(QStringLiteral("goToLineDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->intValue(), 150);
    dialog->setIntValue(7);
    dialog->accept();
    editor.getCursorPosition(&line, &index);
    QCOMPARE(line, 6);
}

void TestLintEditor::toggleComment()
{
    SqlEditor editor;
    editor.setText(QStringLiteral("SELECT 1;\n  SELECT 2;\n\nSELECT 3;"));
    editor.setCursorPosition(1, 4);
    editor.toggleCommentAction()->trigger();
    QCOMPARE(editor.text(), QStringLiteral("SELECT 1;\n  -- SELECT 2;\n\nSELECT 3;"));
    editor.toggleComment();
    QCOMPARE(editor.text(), QStringLiteral("SELECT 1;\n  SELECT 2;\n\nSELECT 3;"));

    // A selection over several lines: all commented (blank lines left alone), then all back.
    editor.setSelection(0, 0, 3, 3);
    editor.toggleComment();
    QCOMPARE(editor.text(), QStringLiteral("-- SELECT 1;\n  -- SELECT 2;\n\n-- SELECT 3;"));
    editor.setSelection(0, 0, 3, 3);
    editor.toggleComment();
    QCOMPARE(editor.text(), QStringLiteral("SELECT 1;\n  SELECT 2;\n\nSELECT 3;"));
    // Mixed lines get commented.
    editor.setText(QStringLiteral("-- a\nSELECT 1;"));
    editor.setSelection(0, 0, 1, 2);
    editor.toggleComment();
    QCOMPARE(editor.text(), QStringLiteral("-- -- a\n-- SELECT 1;"));
}

void TestLintEditor::screenshot()
{
    // A migration with a risky index and a safe one, as the editor shows it.
    SqlConsole console;
    console.resize(1000, 640);
    console.editor()->setText(QStringLiteral(
        "-- V012: loyalty tier on orders\n"
        "BEGIN;\n"
        "SET LOCAL lock_timeout = '5s';\n"
        "SET LOCAL statement_timeout = '15min';\n\n"
        "ALTER TABLE shop.orders ADD COLUMN loyalty_tier text NOT NULL;\n"
        "ALTER TABLE shop.orders ADD COLUMN notes varchar(200);\n\n"
        "CREATE INDEX idx_orders_loyalty_tier ON shop.orders (loyalty_tier);\n\n"
        "-- the safe way to add a foreign key: NOT VALID now, VALIDATE in a later migration\n"
        "ALTER TABLE shop.orders ADD CONSTRAINT orders_customer_fkey\n"
        "    FOREIGN KEY (customer_id) REFERENCES shop.customers (id) NOT VALID;\n\n"
        "UPDATE shop.orders SET loyalty_tier = 'bronze';\n"
        "COMMIT;\n"));
    console.show();
    QTRY_VERIFY_WITH_TIMEOUT(console.linter()->model()->rowCount() > 0
                                 && !console.linter()->isRunning(),
                             10000);
    console.outputTabs()->setCurrentWidget(console.problemsView());
    QVERIFY(GuiTest::saveShot(console, QStringLiteral("lint-editor.png")));
}

QTEST_MAIN(TestLintEditor)
#include "tst_linteditor.moc"
