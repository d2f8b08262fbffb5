// Widget tests of the main window and its consoles against the fixture's PostgreSQL server.
// Runs offscreen with the GUI thread forbidden to touch a database, so a blocking call anywhere
// in the window turns into an exception and a failure.

#include "aboutdialog.h"
#include "connectionstatuswidget.h"
#include "mainwindow.h"
#include "messagespane.h"
#include "migrationfolderdock.h"
#include "resultview.h"
#include "objectpanel.h"
#include "schemadock.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "db/connectionworker.h"
#include "db/resulttablemodel.h"
#include "indexhealthdialog.h"
#include "guitest.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFileSystemModel>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace GuiTest;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void connectsAndStreamsRows();
    void staysResponsiveWithMillionRows();
    void errorPositionMovesCursor();
    void errorPositionAfterNonAscii();
    void cancelStopsLongQuery();
    void escapeCancelsAndF5Runs();
    void noticesReachMessages();
    void selectionRunsEachStatement();
    void failedConnectionIsReported();
    void lostConnectionCanReconnect();
    void productionProfileIsRed();
    void productionGuardAsksForDatabaseName();
    void aboutShowsServerVersion();
    void migrationFolderOpensFiles();
    void copiesSelectionAsTsv();
    void defaultLayoutShowsResultsAndMenus();
    void screenshot();
};

void TestMainWindow::initTestCase()
{
    // Labels format counts with the locale prepareApplication() pins, so expected text is stable.
    prepareApplication(QStringLiteral("tst_mainwindow"));
    QString error;
    if (!loadFixture(&error))
        QFAIL(qPrintable(error));
}

void TestMainWindow::cleanup()
{
    closeDialogs();
}

void TestMainWindow::connectsAndStreamsRows()
{
    MainWindow window;
    window.show();
    QCOMPARE(window.windowTitle(), QStringLiteral("Slipway"));
    QVERIFY(!window.runAction()->isEnabled());
    QVERIFY(connectWindow(window, profile()));
    QVERIFY(window.statusWidget()->text().contains(QStringLiteral("PostgreSQL")));
    QCOMPARE(window.statusWidget()->state(), ConnectionStatusWidget::State::Connected);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("fixture")));

    SqlConsole *console = window.currentConsole();
    QVERIFY(console);
    QVERIFY(console->runButton()->isEnabled());
    console->editor()->setText(
        QStringLiteral("SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 20000) g"));
    console->editor()->setCursorCharIndex(5);
    console->run();
    QVERIFY(console->isRunning());
    QVERIFY(!console->runButton()->isEnabled());
    QVERIFY(window.cancelAction()->isEnabled());

    QTRY_COMPARE_WITH_TIMEOUT(console->resultModel()->rowCount(), 20000, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!console->isRunning(), 10000);
    ResultTableModel *model = console->resultModel();
    QCOMPARE(model->columnCount(), 2);
    QCOMPARE(model->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("n"));
    QCOMPARE(model->headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("label"));
    QCOMPARE(model->text(0, 0), QStringLiteral("1"));
    QCOMPARE(model->text(19999, 1), QStringLiteral("row 20000"));
    QCOMPARE(model->index(41, 1).data().toString(), QStringLiteral("row 42"));
    QCOMPARE(console->rowCountLabel()->text(), QStringLiteral("20,000 rows"));
    const QString messages = console->messages()->toPlainText();
    QVERIFY2(messages.contains(QStringLiteral("SELECT 20000 — 20,000 rows in")),
             qPrintable(messages));
    QCOMPARE(console->outputTabs()->currentWidget(), console->resultView());
    QVERIFY(console->runButton()->isEnabled());
    QVERIFY(!console->cancelButton()->isEnabled());
    QVERIFY(window.runAction()->isEnabled());
    QVERIFY(!window.cancelAction()->isEnabled());

    // A second console has a session of its own, like every background job of the window.
    SqlConsole *second = window.newConsole();
    QVERIFY(second->connection());
    QVERIFY(second->connection() != console->connection());
    QVERIFY(second->connection() != window.connection());
    QVERIFY(console->connection() != window.migrationSession());
    QVERIFY(console->connection() != window.schemaReadSession());
    QVERIFY(runAndWait(second, QStringLiteral("SELECT current_database()")));
    QCOMPARE(second->resultModel()->text(0, 0), QStringLiteral("postgres"));
    QCOMPARE(second->rowCountLabel()->text(), QStringLiteral("1 row"));
    QCOMPARE(console->resultModel()->rowCount(), 20000);
}

// At the default 1280×800 a result is readable without dragging the splitter, and the schema
// tools are in a menu with their shortcuts.
void TestMainWindow::defaultLayoutShowsResultsAndMenus()
{
    MainWindow window;
    window.show();
    QCOMPARE(window.size(), QSize(1280, 800));
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    QVERIFY(runAndWait(console, QStringLiteral("SELECT g FROM generate_series(1, 100) g")));
    QCOMPARE(console->outputTabs()->currentWidget(), console->resultView());
    QCoreApplication::processEvents();
    const int rowHeight = console->resultView()->rowHeight(0);
    QVERIFY(rowHeight > 0);
    const int visibleRows = console->resultView()->viewport()->height() / rowHeight;
    QVERIFY2(visibleRows >= 12, qPrintable(QString::number(visibleRows)));

    // The object panel's tabs are all in view, none behind scroll arrows.
    QTabBar *objectTabs = window.schemaBrowser()->objectPanel()->tabs()->tabBar();
    for (int i = 0; i < objectTabs->count(); ++i)
        QVERIFY2(objectTabs->tabRect(i).right() < objectTabs->width(),
                 qPrintable(objectTabs->tabText(i)));

    auto *database = window.menuBar()->findChild<QMenu *>(QStringLiteral("databaseMenu"));
    QVERIFY(database);
    QAction *health = nullptr;
    for (QAction *action : database->actions())
        health = action->objectName() == QLatin1String("schemaHealth") ? action : health;
    QVERIFY(health);
    QCOMPARE(health->text(), QStringLiteral("Index &Health…"));
    QCOMPARE(health->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    QVERIFY(health->isEnabled());
    health->trigger();
    QTRY_VERIFY(window.schemaBrowser()->healthDialog() && window.schemaBrowser()->healthDialog()->isVisible());
    // The menu's system-schema toggle and the toolbar's stay in step.
    QAction *system = database->findChild<QAction *>(QStringLiteral("showSystemSchemas"));
    QVERIFY(system);
    system->trigger();
    QVERIFY(window.schemaBrowser()->systemAction()->isChecked());
}

void TestMainWindow::staysResponsiveWithMillionRows()
{
    MainWindow window;
    window.resize(1400, 850);
    window.show();
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    console->editor()->setText(
        QStringLiteral("SELECT g AS id, 'customer ' || g AS name, g * 1.5 AS amount "
                       "FROM generate_series(1, 1000000) g"));
    // Measure the longest gap between ticks of a 10 ms timer while the rows stream in: that is
    // how long the window would have ignored the user.
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        longestGap = qMax(longestGap, sinceTick.restart());
    });
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    sinceTick.start();
    ticker.start();
    console->run();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    ticker.stop();
    QVERIFY(finished.first().first().toBool());
    QCOMPARE(console->resultModel()->rowCount(), 1000000);
    QCOMPARE(console->rowCountLabel()->text(), QStringLiteral("1,000,000 rows"));
    QCOMPARE(console->resultModel()->text(999999, 1), QStringLiteral("customer 1000000"));
    qInfo("longest event-loop stall while streaming 1,000,000 rows: %lld ms", longestGap);
    QVERIFY2(longestGap < 750, qPrintable(QString::number(longestGap)));
    console->resultView()->scrollToBottom();
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("1,000,000 rows in")));
}

void TestMainWindow::errorPositionMovesCursor()
{
    MainWindow window;
    window.show();
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    const QString text = QStringLiteral("SELECT 1;\nSELECT nosuchcolumn FROM pg_class;");
    console->editor()->setText(text);
    console->editor()->setCursorPosition(1, 3);
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    console->run();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.first().first().toBool(), false);
    const int errorAt = int(text.indexOf(QStringLiteral("nosuchcolumn")));
    QCOMPARE(console->editor()->cursorCharIndex(), errorAt);
    int line = -1, column = -1;
    console->editor()->getCursorPosition(&line, &column);
    QCOMPARE(line, 1);
    QCOMPARE(column, 7);
    QVERIFY(console->editor()->hasIndicatorAt(SqlEditor::ErrorIndicator, errorAt));
    QVERIFY(console->editor()->hasIndicatorAt(SqlEditor::ErrorIndicator, errorAt + 11));
    QVERIFY(!console->editor()->hasIndicatorAt(SqlEditor::ErrorIndicator, errorAt + 12));
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("42703")));
    QCOMPARE(console->outputTabs()->currentWidget(), console->messages());

    window.resize(1000, 600);
    QVERIFY(saveShot(window, QStringLiteral("tst_mainwindow_error.png")));

    // The next run clears the squiggle.
    QVERIFY(runAndWait(console, QStringLiteral("SELECT 2")));
    QVERIFY(!console->editor()->hasIndicatorAt(SqlEditor::ErrorIndicator, errorAt));
}

void TestMainWindow::errorPositionAfterNonAscii()
{
    MainWindow window;
    window.show();
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    // Multi-byte text before the error: server positions are characters, Scintilla's bytes.
    const QString text = QStringLiteral(
        "-- größe ✓\nSELECT 'naïve — ü' AS a,\n       bogus_col FROM pg_class");
    console->editor()->setText(text);
    console->editor()->setCursorCharIndex(int(text.size()));
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    console->run();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(console->editor()->cursorCharIndex(), int(text.indexOf(QStringLiteral("bogus_col"))));
    QVERIFY(console->editor()->hasIndicatorAt(SqlEditor::ErrorIndicator,
                                              int(text.indexOf(QStringLiteral("bogus_col"))) + 2));
}

void TestMainWindow::cancelStopsLongQuery()
{
    MainWindow window;
    window.show();
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    const QString pid = backendPid(console);
    console->editor()->setText(QStringLiteral("SELECT pg_sleep(60)"));
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    console->run();
    QVERIFY(console->isRunning());
    QVERIFY(console->cancelButton()->isEnabled());
    QVERIFY(waitUntilSleeping(pid)); // the statement has reached the server
    QVERIFY(console->isRunning());
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(console->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!console->isRunning(), 5000);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(console->messages()->toPlainText().contains(QStringLiteral("Query cancelled")),
             qPrintable(console->messages()->toPlainText()));

    // The connection is still usable.
    QVERIFY(runAndWait(console, QStringLiteral("SELECT 41 + 1")));
    QCOMPARE(console->resultModel()->text(0, 0), QStringLiteral("42"));
}

void TestMainWindow::escapeCancelsAndF5Runs()
{
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    const QString pid = backendPid(console);
    console->editor()->setText(QStringLiteral("SELECT pg_sleep(30)"));
    console->editor()->setFocus();
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    QTest::keyClick(console->editor(), Qt::Key_F5);
    QVERIFY(console->isRunning());
    QVERIFY(waitUntilSleeping(pid));
    // Scintilla binds Esc itself; the window's Cancel action must still get it.
    QTest::keyClick(console->editor(), Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!console->isRunning(), 5000);
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("Query cancelled")));

    console->editor()->setText(QStringLiteral("SELECT 'ctrl+return'"));
    QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 10000);
    QCOMPARE(console->resultModel()->text(0, 0), QStringLiteral("ctrl+return"));
    QCOMPARE(console->editor()->text(), QStringLiteral("SELECT 'ctrl+return'")); // no newline typed

    // Ctrl+T (Scintilla's "transpose lines") opens a console instead.
    const int tabs = window.tabs()->count();
    QTest::keyClick(console->editor(), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(window.tabs()->count(), tabs + 1);
}

void TestMainWindow::noticesReachMessages()
{
    MainWindow window;
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    QVERIFY(runAndWait(console,
                       QStringLiteral("DO $$BEGIN RAISE NOTICE 'hello from the server'; END$$")));
    QTRY_VERIFY(
        console->messages()->toPlainText().contains(QStringLiteral("hello from the server")));
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("DO")));
    QCOMPARE(console->outputTabs()->currentWidget(), console->messages());
}

void TestMainWindow::selectionRunsEachStatement()
{
    MainWindow window;
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    const QString text = QStringLiteral("CREATE TEMP TABLE sel_t (id int);\n"
                                        "INSERT INTO sel_t SELECT generate_series(1, 5);\n"
                                        "SELECT count(*) AS c FROM sel_t;\n"
                                        "SELECT 'not selected';");
    console->editor()->setText(text);
    const int end = int(text.indexOf(QStringLiteral("SELECT 'not")));
    // Select the first three statements (setSelection takes line/index pairs).
    console->editor()->setSelection(0, 0, 3, 0);
    QCOMPARE(console->editor()->selectionEndCharIndex(), end);
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    console->run();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY2(finished.first().first().toBool(), qPrintable(console->messages()->toPlainText()));
    QCOMPARE(console->resultModel()->text(0, 0), QStringLiteral("5"));
    const QString messages = console->messages()->toPlainText();
    QVERIFY(messages.contains(QStringLiteral("CREATE TABLE")));
    QVERIFY(messages.contains(QStringLiteral("INSERT 0 5")));
    QVERIFY(!messages.contains(QStringLiteral("not selected")));

    // A failing statement stops the rest and says so.
    console->editor()->setText(QStringLiteral("SELECT 1;\nSELECT 1/0;\nSELECT 3;"));
    console->editor()->selectAll();
    finished.clear();
    console->run();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("22012")));
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("1 remaining statement")));
}

void TestMainWindow::failedConnectionIsReported()
{
    MainWindow window;
    ConnectionProfile bad;
    bad.name = QStringLiteral("nowhere");
    bad.conninfo = QStringLiteral("host=127.0.0.1 port=1 dbname=postgres connect_timeout=5");
    QSignalSpy failed(&window, &MainWindow::connectionFailed);
    window.connectTo(bad);
    QVERIFY(window.isConnecting());
    QCOMPARE(window.statusWidget()->state(), ConnectionStatusWidget::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(!window.connection());
    QCOMPARE(window.statusWidget()->state(), ConnectionStatusWidget::State::Disconnected);
    const QString messages = window.currentConsole()->messages()->toPlainText();
    QVERIFY2(messages.contains(QStringLiteral("nowhere"))
                 || messages.contains(QStringLiteral("127.0.0.1")),
             qPrintable(messages));
    QVERIFY(!window.currentConsole()->runButton()->isEnabled());

    // Running without a connection explains itself instead of doing nothing.
    window.currentConsole()->editor()->setText(QStringLiteral("SELECT 1"));
    window.currentConsole()->run();
    QVERIFY(window.currentConsole()->messages()->toPlainText().contains(
        QStringLiteral("Not connected")));

    // A failed attempt keeps an existing connection.
    QVERIFY(connectWindow(window, profile()));
    ConnectionWorker *good = window.connection();
    window.connectTo(bad);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    QCOMPARE(window.connection(), good);
    QCOMPARE(window.statusWidget()->state(), ConnectionStatusWidget::State::Connected);
}

void TestMainWindow::lostConnectionCanReconnect()
{
    MainWindow window;
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    QVERIFY(runAndWait(console, QStringLiteral("SELECT pg_backend_pid()")));
    const QString pid = console->resultModel()->text(0, 0);

    // Terminate the window's session from another one.
    ConnectionWorker killer(profile().createConnection());
    QSignalSpy opened(&killer, &ConnectionWorker::opened);
    QSignalSpy done(&killer, &ConnectionWorker::queryFinished);
    killer.open();
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    killer.runQuery(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);

    QSignalSpy lost(&window, &MainWindow::connectionLost);
    QVERIFY(!runAndWait(console, QStringLiteral("SELECT 1")));
    QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 5000);
    QCOMPARE(window.statusWidget()->state(), ConnectionStatusWidget::State::Lost);
    QVERIFY(window.statusWidget()->text().contains(QStringLiteral("Connection lost")));
    QVERIFY(window.reconnectAction()->isEnabled());
    QVERIFY(!window.runAction()->isEnabled());

    QSignalSpy connected(&window, &MainWindow::connected);
    window.reconnectAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QCOMPARE(window.statusWidget()->state(), ConnectionStatusWidget::State::Connected);
    QVERIFY(window.runAction()->isEnabled());
    QVERIFY(runAndWait(console, QStringLiteral("SELECT 'back'")));
    QCOMPARE(console->resultModel()->text(0, 0), QStringLiteral("back"));
}

void TestMainWindow::productionProfileIsRed()
{
    MainWindow window;
    window.show();
    QVERIFY(connectWindow(window, profile(QStringLiteral("Billing"), true)));
    ConnectionStatusWidget *status = window.statusWidget();
    QVERIFY(status->isProduction());
    QVERIFY(status->text().contains(QStringLiteral("PRODUCTION")));
    QCOMPARE(status->palette().color(QPalette::Window), QColor(0xc0, 0x1c, 0x28));
    QVERIFY(status->autoFillBackground());
    QCOMPARE(window.windowTitle(), QStringLiteral("[PRODUCTION] Billing — Slipway"));
    QVERIFY(
        window.currentConsole()->connectionLabel()->text().contains(QStringLiteral("PRODUCTION")));

    // Switching to an ordinary profile drops the warning colours.
    QVERIFY(connectWindow(window, profile(QStringLiteral("Scratch"), false)));
    QVERIFY(!status->isProduction());
    QVERIFY(!status->text().contains(QStringLiteral("PRODUCTION")));
    QCOMPARE(window.windowTitle(), QStringLiteral("Scratch — Slipway"));
}

void TestMainWindow::productionGuardAsksForDatabaseName()
{
    MainWindow window;
    window.show();
    QVERIFY(connectWindow(window, profile(QStringLiteral("Billing"), true)));
    SqlConsole *console = window.currentConsole();

    // Harmless statements run without a question.
    QVERIFY(runAndWait(console, QStringLiteral("CREATE TEMP TABLE guarded (id int)")));

    auto answer = [&](const QString &typed) {
        QInputDialog *dialog = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    dialog = console->findChild<QInputDialog *>(
                        QStringLiteral("productionConfirmation"));
                    return dialog && dialog->isVisible();
                },
                5000))
            return false;
        if (!dialog->labelText().contains(QStringLiteral("DROP")))
            return false;
        dialog->setTextValue(typed);
        dialog->accept();
        return true;
    };

    console->editor()->setText(QStringLiteral("DROP TABLE guarded"));
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    console->run();
    QVERIFY(console->isAwaitingConfirmation());
    QVERIFY(!console->isRunning());
    QVERIFY(answer(QStringLiteral("wrong")));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("Not run")));

    console->run();
    QVERIFY(answer(QStringLiteral("postgres")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QVERIFY2(finished.at(1).first().toBool(), qPrintable(console->messages()->toPlainText()));
    QVERIFY(console->messages()->toPlainText().contains(QStringLiteral("DROP TABLE")));
}

void TestMainWindow::aboutShowsServerVersion()
{
    MainWindow window;
    window.show();
    window.showAboutDialog();
    auto *before = window.findChild<AboutDialog *>();
    QVERIFY(before);
    QVERIFY(before->versionsText().contains(QStringLiteral("not connected")));
    QVERIFY(before->versionsText().contains(QString::fromLatin1(qVersion())));
    before->close();
    QTRY_VERIFY(!window.findChild<AboutDialog *>());

    QVERIFY(connectWindow(window, profile()));
    window.showAboutDialog();
    auto *about = window.findChild<AboutDialog *>();
    QVERIFY(about);
    const QString version = window.connection()->serverInfo().version;
    QVERIFY(!version.isEmpty());
    const QString text = about->versionsText();
    QVERIFY2(text.contains(QStringLiteral("PostgreSQL ") + version), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("QScintilla: 2.")));
    QVERIFY(text.contains(QStringLiteral("libpqxx: ")));
    QVERIFY(text.contains(QStringLiteral(SLIPWAY_VERSION)));
    QVERIFY(saveShot(*about, QStringLiteral("tst_mainwindow_about.png")));
}

void TestMainWindow::migrationFolderOpensFiles()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("V2")));
    auto write = [&](const QString &name, const QByteArray &content) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    };
    QVERIFY(write(QStringLiteral("001_create.sql"), "CREATE TABLE t (id int);\n"));
    QVERIFY(write(QStringLiteral("V2/002_index.sql"), "CREATE INDEX ON t (id);\n"));
    QVERIFY(write(QStringLiteral("README.md"), "not SQL\n"));

    MainWindow window;
    window.show();
    window.openMigrationFolder(dir.path());
    MigrationFolderDock *dock = window.migrationDock();
    QVERIFY(dock->isVisible());
    QFileSystemModel *model = dock->fileModel();
    const QString file = dir.filePath(QStringLiteral("001_create.sql"));
    QTRY_VERIFY(model->index(file).isValid() && model->rowCount(model->index(dir.path())) >= 2);
    // README.md is filtered out, not greyed out.
    QTRY_VERIFY(!model->index(dir.filePath(QStringLiteral("README.md"))).isValid()
                || !dock->view()
                        ->visualRect(model->index(dir.filePath(QStringLiteral("README.md"))))
                        .isValid());

    const int tabs = window.tabs()->count();
    emit dock->view()->activated(model->index(file));
    // The empty scratch console is reused for the first file.
    QCOMPARE(window.tabs()->count(), tabs);
    QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()),
             QStringLiteral("001_create.sql"));
    QCOMPARE(window.currentConsole()->editor()->text(),
             QStringLiteral("CREATE TABLE t (id int);\n"));

    const QString nested = dir.filePath(QStringLiteral("V2/002_index.sql"));
    QTRY_VERIFY(model->index(nested).isValid());
    emit dock->view()->activated(model->index(nested));
    QCOMPARE(window.tabs()->count(), tabs + 1);
    QCOMPARE(window.currentConsole()->filePath(), nested);
    // Opening it again shows the same tab.
    emit dock->view()->activated(model->index(nested));
    QCOMPARE(window.tabs()->count(), tabs + 1);
}

void TestMainWindow::copiesSelectionAsTsv()
{
    MainWindow window;
    window.show();
    QVERIFY(connectWindow(window, profile()));
    SqlConsole *console = window.currentConsole();
    QVERIFY(
        runAndWait(console,
                   QStringLiteral("SELECT * FROM (VALUES (1, 'a', NULL), (2, E'tab\\there', 'x')) "
                                  "AS v(id, txt, maybe)")));
    ResultView *view = console->resultView();
    view->selectAll();
    QCOMPARE(view->selectionAsTsv(), QStringLiteral("1\ta\t\n2\t\"tab\there\"\tx\n"));
    QCOMPARE(view->selectionAsTsv(true).section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("id\ttxt\tmaybe"));
    view->setFocus();
    QTest::keySequence(view, QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), view->selectionAsTsv());
}

void TestMainWindow::screenshot()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("rollback")));
    for (const QString &name : {QStringLiteral("001_accounts.sql"),
                                QStringLiteral("002_invoices.sql"),
                                QStringLiteral("003_invoice_index.sql"),
                                QStringLiteral("rollback/003_invoice_index.sql")}) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    MainWindow window;
    window.resize(1400, 850);
    window.show();
    window.openMigrationFolder(dir.path());
    QVERIFY(connectWindow(window, profile(QStringLiteral("Local sandbox"))));
    SqlConsole *console = window.currentConsole();
    QVERIFY(runAndWait(console,
                       QStringLiteral(
                           "-- Largest tables in the catalog\n"
                           "SELECT c.relname AS table_name, n.nspname AS schema,\n"
                           "       c.reltuples::bigint AS estimated_rows,\n"
                           "       pg_size_pretty(pg_total_relation_size(c.oid)) AS total_size,\n"
                           "       c.relhasindex AS has_index\n"
                           "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
                           "WHERE c.relkind = 'r'\n"
                           "ORDER BY pg_total_relation_size(c.oid) DESC;")));
    QTRY_VERIFY(window.findChild<QFileSystemModel *>()->rowCount(
                    window.findChild<QFileSystemModel *>()->index(dir.path()))
                >= 3);
    QVERIFY(saveShot(window, QStringLiteral("tst_mainwindow.png")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
