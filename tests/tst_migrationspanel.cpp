// Widget tests of the Migrations panel inside the main window, offscreen, against fresh databases
// in the fixture's server, with the GUI thread forbidden to touch a database: the status list,
// dry run and its lock report, apply with progress and live log, rollback of the last migration,
// stop after the current statement, cancelling the running statement, and opening scripts.

#include "auditdialog.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationlogview.h"
#include "migrationspanel.h"
#include "migrationstateicon.h"
#include "sqlconsole.h"

#include "db/threadguard.h"
#include "deploy/auditlog.h"
#include "guitest.h"
#include "migrations/migrationrunner.h"
#include "migrationview/lockreportmodel.h"
#include "migrationview/migrationlistmodel.h"
#include "schemafixtures.h"
#include "semanticcolors.h"
#include "testsandbox.h"

#include "db/pgconnection.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace GuiTest;

namespace {

const char Database[] = "slipway_migrations_panel";
const char CancelDatabase[] = "slipway_migrations_panel_cancel";
const char DemoCopy[] = "slipway_migrations_panel_demo";
const char DryRunDatabase[] = "slipway_migrations_panel_dry";

bool writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(text.toUtf8());
    return true;
}

// "applied pending" → {"applied", "pending"}
QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '));
}

QStringList stateNames(const MigrationListModel *model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, 0).data(MigrationListModel::StateNameRole).toString();
    return names;
}

} // namespace

class TestMigrationsPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;      // V001 (no rollback, raises a notice), V002 (ALTER TABLE, rollback)
    QTemporaryDir m_slowDir;  // V001: sleep, create, sleep long
    QTemporaryDir m_setupDir; // the database's starting point
    QString m_conninfo;
    QString m_cancelConninfo;

    static ConnectionProfile profileFor(const QString &conninfo)
    {
        ConnectionProfile p = profile(QStringLiteral("panel"));
        p.conninfo = conninfo;
        return p;
    }

    // A shown window with the folder open and connected, once the first status read is in.
    static MigrationsPanel *openPanel(MainWindow &window,
                                      const QString &folder,
                                      const QString &conninfo)
    {
        window.show();
        window.openMigrationFolder(folder);
        if (!connectWindow(window, profileFor(conninfo)))
            return nullptr;
        MigrationsPanel *panel = window.migrationActions()->panel();
        if (!QTest::qWaitFor([&] { return !panel->isBusy() && panel->model()->rowCount() > 0; },
                             20000))
            return nullptr;
        return panel;
    }

    static void acceptConfirmation()
    {
        QMessageBox *box = waitForRunConfirmation();
        QVERIFY(box);
        box->findChild<QPushButton *>(QStringLiteral("confirmRun"))->click();
    }

private slots:
    void initTestCase()
    {
        prepareApplication(QStringLiteral("tst_migrationspanel"));
        qputenv("SLIPWAY_AUDIT_DB", m_setupDir.filePath(QStringLiteral("audit.sqlite")).toUtf8());
        QString error;
        if (!loadFixture(&error))
            QFAIL(qPrintable(error));
        QVERIFY(m_dir.isValid() && m_slowDir.isValid() && m_setupDir.isValid());
        // The table V002 alters exists before the migrations: in a dry run, a table that an
        // earlier migration created is locked already, and only new locks are reported.
        const QString setup = m_setupDir.filePath(QStringLiteral("setup.sql"));
        QVERIFY(writeFile(setup,
                          QStringLiteral(
                              "CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);\n"
                              "INSERT INTO widgets VALUES (1, 'one'), (2, 'two');\n")));
        const QString migrations = m_dir.filePath(QStringLiteral("migrations"));
        QVERIFY(writeFile(migrations + QStringLiteral("/V001__create_gadgets.sql"),
                          QStringLiteral(
                              "CREATE TABLE gadgets (id bigint PRIMARY KEY, name text NOT NULL);\n"
                              "INSERT INTO gadgets VALUES (1, 'one'), (2, 'two');\n"
                              "DO $$ BEGIN RAISE NOTICE 'seeded % gadgets', 2; END $$;\n")));
        QVERIFY(writeFile(migrations + QStringLiteral("/V002__add_widgets_colour.sql"),
                          QStringLiteral("ALTER TABLE widgets ADD COLUMN colour text;\n"
                                         "UPDATE widgets SET colour = 'blue';\n")));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("rollback/R002__add_widgets_colour.sql")),
                          QStringLiteral("ALTER TABLE widgets DROP COLUMN colour;\n")));
        QVERIFY(writeFile(m_slowDir.filePath(QStringLiteral("V001__slow.sql")),
                          QStringLiteral("SELECT pg_sleep(3);\n"
                                         "CREATE TABLE never_made (id int);\n"
                                         "SELECT pg_sleep(120);\n")));

        // Setting up databases is the one thing this test does on its own thread.
        ThreadGuard::allowAllThreads();
        m_conninfo = SchemaFixtures::recreateDatabase(QString::fromLatin1(Database),
                                                      {setup},
                                                      &error);
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
        m_cancelConninfo = SchemaFixtures::recreateDatabase(QString::fromLatin1(CancelDatabase),
                                                            {},
                                                            &error);
        QVERIFY2(!m_cancelConninfo.isEmpty(), qPrintable(error));
        ThreadGuard::forbidCurrentThread();
    }

    void cleanup() { closeDialogs(); }

    void cleanupTestCase()
    {
        ThreadGuard::allowAllThreads();
        QString error;
        for (const char *name : {Database, CancelDatabase, DemoCopy, DryRunDatabase})
            QVERIFY2(SchemaFixtures::dropDatabase(QString::fromLatin1(name), &error),
                     qPrintable(error));
    }

    void followsFolderAndConnection()
    {
        MainWindow window;
        window.show();
        QDockWidget *dock = window.migrationActions()->panelDock();
        MigrationsPanel *panel = window.migrationActions()->panel();
        QVERIFY(dock && panel);
        QVERIFY(!dock->isVisible());

        window.openMigrationFolder(m_dir.path());
        QVERIFY(dock->isVisible());
        QCOMPARE(panel->folder(), QDir(m_dir.path()).absolutePath());
        QVERIFY(panel->summaryLabel()->text().contains(QStringLiteral("Connect")));
        QVERIFY(!panel->applyAction()->isEnabled());
        QVERIFY(!panel->refreshAction()->isEnabled());

        QVERIFY(connectWindow(window, profileFor(m_conninfo)));
        QAbstractItemModelTester tester(panel->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 2, 20000);
        QTRY_VERIFY(!panel->isBusy());
        QCOMPARE(stateNames(panel->model()), words("pending pending"));
        QCOMPARE(panel->model()->index(0, MigrationListModel::VersionColumn).data().toString(),
                 QStringLiteral("001"));
        QCOMPARE(panel->model()->index(1, MigrationListModel::RollbackColumn).data().toString(),
                 QStringLiteral("yes"));
        QCOMPARE(panel->model()->index(0, MigrationListModel::RollbackColumn).data().toString(),
                 QStringLiteral("no"));
        QVERIFY(!panel->model()
                     ->index(0, MigrationListModel::StateColumn)
                     .data(Qt::DecorationRole)
                     .isNull());
        QVERIFY(!MigrationStateIcon::icon(MigrationStatusEntry::State::Applied).isNull());
        QVERIFY(panel->applyAction()->isEnabled());
        QVERIFY(panel->dryRunAction()->isEnabled());
        QVERIFY(!panel->rollbackAction()->isEnabled()); // nothing applied yet
        QVERIFY(!panel->cancelAction()->isEnabled());
        QVERIFY(panel->summaryLabel()->text().contains(QStringLiteral("2 pending")));

        // Disconnecting empties it; reconnecting reads the status again.
        window.disconnectFromDatabase();
        QCOMPARE(panel->model()->rowCount(), 0);
        QVERIFY(!panel->applyAction()->isEnabled());
        QVERIFY(connectWindow(window, profileFor(m_conninfo)));
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 2, 20000);
    }

    void opensScripts()
    {
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, m_dir.path(), m_conninfo);
        QVERIFY(panel);
        const QModelIndex second = panel->model()->index(1, 0);

        std::unique_ptr<QMenu> menu(panel->contextMenu(second, nullptr));
        QAction *openDown = menu->findChild<QAction *>(QStringLiteral("openDown"));
        QVERIFY(openDown && openDown->isEnabled());
        openDown->trigger();
        QTRY_VERIFY(window.currentConsole()
                    && window.currentConsole()->filePath().endsWith(
                        QStringLiteral("rollback/R002__add_widgets_colour.sql")));

        QSignalSpy requested(panel, &MigrationsPanel::scriptRequested);
        emit panel->listView()->doubleClicked(panel->model()->index(0, 1));
        QCOMPARE(requested.count(), 1);
        QVERIFY(requested.first().first().toString().endsWith(
            QStringLiteral("V001__create_gadgets.sql")));
        QTRY_VERIFY(window.currentConsole()->filePath().endsWith(
            QStringLiteral("V001__create_gadgets.sql")));

        // The first migration has no rollback: its down action is off.
        menu.reset(panel->contextMenu(panel->model()->index(0, 0), nullptr));
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("openDown"))->isEnabled());

        // Up and down side by side open in a migration editor tab.
        const int tabs = window.tabs()->count();
        menu.reset(panel->contextMenu(second, nullptr));
        menu->findChild<QAction *>(QStringLiteral("openMigration"))->trigger();
        QCOMPARE(window.tabs()->count(), tabs + 1);
    }

    void dryRunSummaryFollowsTheWorst()
    {
        QTemporaryDir folder;
        QVERIFY(writeFile(folder.filePath(QStringLiteral("V001__table.sql")),
                          QStringLiteral("CREATE TABLE events (id int);\n")));
        QVERIFY(writeFile(folder.filePath(QStringLiteral("V002__vacuum.sql")),
                          QStringLiteral("VACUUM events;\n")));
        ThreadGuard::allowAllThreads();
        QString error;
        const QString conninfo = SchemaFixtures::recreateDatabase(QString::fromLatin1(DryRunDatabase),
                                                                  {},
                                                                  &error);
        ThreadGuard::forbidCurrentThread();
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, folder.path(), conninfo);
        QVERIFY(panel);

        // All that ran passed, but VACUUM could not be rehearsed: a warning, not a success.
        QVERIFY(runPanelAction(panel, panel->dryRunAction()));
        QCOMPARE(panel->lastOutcomeKind(), MigrationLogView::Kind::Warning);
        QCOMPARE(panel->progressBar()->format(),
                 QStringLiteral("Dry run: 1 passed · 0 failed · 1 not rehearsed"));
        QCOMPARE(panel->progressBar()->palette().color(QPalette::Text),
                 SemanticColors::color(SemanticColors::Role::Warning,
                                       panel->progressBar()->palette()));
        QVERIFY2(panel->log()->toPlainText().contains(
                     QStringLiteral("Not rehearsed: 002 vacuum (V002__vacuum.sql:1)")),
                 qPrintable(panel->log()->toPlainText()));

        // A failure is the worst: red, whatever else passed.
        QVERIFY(writeFile(folder.filePath(QStringLiteral("V003__bad.sql")),
                          QStringLiteral("ALTER TABLE nosuch ADD COLUMN x int;\n")));
        panel->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->pendingCount(), 3, 20000);
        QTRY_VERIFY(!panel->isBusy());
        QVERIFY(!runPanelAction(panel, panel->dryRunAction()));
        QCOMPARE(panel->lastOutcomeKind(), MigrationLogView::Kind::Error);
        QCOMPARE(panel->progressBar()->format(),
                 QStringLiteral("Dry run: 1 passed · 1 failed · 1 not rehearsed"));
    }

    void dryRunReportsLocks()
    {
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, m_dir.path(), m_conninfo);
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->lockModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!panel->outputTabs()->isTabEnabled(MigrationsPanel::LockTab));

        QVERIFY(runPanelAction(panel, panel->dryRunAction()));
        QCOMPARE(panel->lastResult().outcome, MigrationRunResult::Outcome::Ok);
        QVERIFY(panel->outputTabs()->isTabEnabled(MigrationsPanel::LockTab));
        QCOMPARE(panel->outputTabs()->currentIndex(), int(MigrationsPanel::LockTab));
        QVERIFY(panel->lockView()->isVisible());

        const LockReportModel *locks = panel->lockModel();
        QCOMPARE(locks->statementCount(), 5);
        int alter = -1;
        for (int row = 0; row < locks->rowCount(); ++row) {
            const DryRunStatement statement = locks->statementAt(row);
            if (statement.file.endsWith(QStringLiteral("V002__add_widgets_colour.sql"))
                && statement.line == 1
                && locks->lockModeAt(row) == QLatin1String("AccessExclusiveLock")
                && locks->relationAt(row) == QLatin1String("public.widgets"))
                alter = row;
        }
        QVERIFY2(alter >= 0, "no ACCESS EXCLUSIVE row for the ALTER TABLE");
        QVERIFY(locks->index(alter, LockReportModel::LocationColumn)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("V002__add_widgets_colour.sql:1")));
        QVERIFY(locks->index(alter, 0).data(LockReportModel::BlocksReadsRole).toBool());
        QVERIFY(locks->exclusiveCount() >= 1);
        // UPDATE of the two rows the dry run's V001 inserted.
        bool updated = false;
        for (int row = 0; row < locks->rowCount(); ++row)
            updated |= locks->index(row, LockReportModel::RowsColumn).data().toString()
                           == QLatin1String("2")
                       && locks->statementAt(row).sql.startsWith(QStringLiteral("UPDATE"));
        QVERIFY(updated);
        QVERIFY(panel->progressBar()->toolTip().contains(QStringLiteral("ACCESS EXCLUSIVE")));
        // In the default window the Relation and Lock columns are in view without scrolling.
        QCOMPARE(window.size(), QSize(1280, 800));
        QCoreApplication::processEvents();
        QTableView *view = panel->lockView();
        const int lockRight = view->columnViewportPosition(LockReportModel::LockColumn)
                              + view->columnWidth(LockReportModel::LockColumn);
        QVERIFY2(lockRight <= view->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(lockRight).arg(view->viewport()->width())));

        // Nothing changed.
        QCOMPARE(stateNames(panel->model()), words("pending pending"));

        // Double-clicking a lock row opens its file at the statement's line.
        QSignalSpy requested(panel, &MigrationsPanel::scriptRequested);
        emit panel->lockView()->doubleClicked(locks->index(alter, 0));
        QCOMPARE(requested.count(), 1);
        QVERIFY(requested.first().at(0).toString().endsWith(
            QStringLiteral("migrations/V002__add_widgets_colour.sql")));
        QCOMPARE(requested.first().at(1).toInt(), 1);
    }

    void applyRunsPending()
    {
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, m_dir.path(), m_conninfo);
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy busy(panel, &MigrationsPanel::busyChanged);
        QList<int> progress;
        connect(panel->progressBar(), &QProgressBar::valueChanged, this, [&](int value) {
            if (panel->isBusy())
                progress << value;
        });

        QVERIFY(runPanelAction(panel, panel->applyAction()));
        QCOMPARE(panel->lastResult().done.size(), 2);
        QCOMPARE(stateNames(panel->model()), words("applied applied"));
        QVERIFY(
            !panel->model()->index(0, MigrationListModel::DurationColumn).data().toString().isEmpty());
        QVERIFY(!panel->model()
                     ->index(1, MigrationListModel::InstalledColumn)
                     .data()
                     .toString()
                     .isEmpty());
        QVERIFY(busy.count() >= 2);

        // The bar went through both migrations statement by statement and ended full.
        QCOMPARE(panel->progressBar()->value(), panel->progressBar()->maximum());
        QVERIFY2(progress.size() >= 4, qPrintable(QString::number(progress.size())));
        QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
        QVERIFY(panel->progressBar()->text().contains(QStringLiteral("Applied 2 migration")));

        const QString log = panel->log()->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("Applying 001 create gadgets")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("statement 3 of 3")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("NOTICE: seeded 2 gadgets")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("002 add widgets colour done in")), qPrintable(log));

        QVERIFY(!panel->applyAction()->isEnabled());
        QVERIFY(panel->rollbackAction()->isEnabled());
        QVERIFY(
            panel->rollbackAction()->toolTip().contains(QStringLiteral("002 add widgets colour")));

        // A refresh reads the same from the history table.
        QSignalSpy loaded(panel, &MigrationsPanel::statusLoaded);
        panel->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
        QCOMPARE(stateNames(panel->model()), words("applied applied"));
    }

    void applyAndRollBackAskFirst()
    {
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, m_dir.path(), m_conninfo);
        QVERIFY(panel);
        QCOMPARE(stateNames(panel->model()), words("applied applied"));

        // Roll back: names the migration and what its down script does; Cancel is the default
        // and runs nothing.
        QSignalSpy finished(panel, &MigrationsPanel::runFinished);
        panel->rollbackAction()->trigger();
        QMessageBox *box = waitForRunConfirmation();
        QVERIFY(box);
        auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmRun"));
        QCOMPARE(confirm->text(), QStringLiteral("Roll Back 002 add widgets colour"));
        QVERIFY(box->defaultButton() != confirm);
        QVERIFY2(box->informativeText().contains(QStringLiteral("ALTER TABLE public.widgets"))
                     || box->informativeText().contains(QStringLiteral("ALTER TABLE widgets")),
                 qPrintable(box->informativeText()));
        QVERIFY(!panel->rollbackAction()->isEnabled()); // nothing else starts while it asks
        QVERIFY(saveShot(*box, QStringLiteral("run-confirmation.png")));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(panel->rollbackAction()->isEnabled());
        QVERIFY(!panel->isBusy());
        QVERIFY(finished.isEmpty());
        QCOMPARE(stateNames(panel->model()), words("applied applied"));
        QVERIFY(panel->log()->toPlainText().contains(QStringLiteral("Not run: cancelled.")));
    }

    void rollbackRemovesLast()
    {
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, m_dir.path(), m_conninfo);
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(stateNames(panel->model()), words("applied applied"));

        QVERIFY(runPanelAction(panel, panel->rollbackAction()));
        QCOMPARE(panel->lastResult().done, QStringList{QStringLiteral("002 add widgets colour")});
        QCOMPARE(stateNames(panel->model()), words("applied pending"));
        QVERIFY(
            panel->model()->index(1, MigrationListModel::DurationColumn).data().toString().isEmpty());
        // V001 has no rollback script: rolling back stops here.
        QVERIFY(!panel->rollbackAction()->isEnabled());
        QVERIFY(panel->rollbackAction()->toolTip().contains(QStringLiteral("no rollback")));
        QVERIFY(panel->applyAction()->isEnabled());
        QVERIFY(panel->log()->toPlainText().contains(
            QStringLiteral("Rolling back 002 add widgets colour")));

        // Both changes are in the audit trail, and the Audit view filters them.
        QString error;
        const QList<AuditEntry> trail = AuditLog().entries(&error);
        QVERIFY2(trail.size() >= 2, qPrintable(error));
        QCOMPARE(trail.at(0).action, QStringLiteral("rollback"));
        QCOMPARE(trail.at(0).origin, QStringLiteral("slipway"));
        QCOMPARE(trail.at(0).migrations, QStringList{QStringLiteral("002 add widgets colour")});
        QVERIFY(trail.at(0).connection.endsWith(QLatin1String("/") + QLatin1String(Database)));
        QCOMPARE(trail.at(1).action, QStringLiteral("migrate"));
        QCOMPARE(trail.at(1).migrations.size(), 2);
        AuditDialog dialog;
        QVERIFY(dialog.table()->rowCount() >= 2);
        dialog.actionFilter()->setCurrentIndex(dialog.actionFilter()->findData(QStringLiteral("rollback")));
        QCOMPARE(dialog.table()->rowCount(), 1);
        QCOMPARE(dialog.table()->item(0, AuditDialog::Action)->text(), QStringLiteral("rollback"));
        QVERIFY(dialog.reportView()->toPlainText().contains(QStringLiteral("002 add widgets colour")));
        dialog.targetFilter()->setText(QStringLiteral("no_such_target"));
        QCOMPARE(dialog.table()->rowCount(), 0);
    }

    void stopAfterCurrentStatement()
    {
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, m_slowDir.path(), m_cancelConninfo);
        QVERIFY(panel);
        QSignalSpy finished(panel, &MigrationsPanel::runFinished);
        QElapsedTimer timer;
        timer.start();
        panel->applyAction()->trigger();
        acceptConfirmation();
        QVERIFY(panel->isBusy());
        QVERIFY(panel->cancelAction()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->runningVersion(), QStringLiteral("001"), 10000);
        panel->cancelAction()->trigger(); // pg_sleep(3) runs: stop before CREATE TABLE
        QCOMPARE(panel->cancelAction()->text(), QStringLiteral("Cancel Now"));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QVERIFY(!finished.first().first().toBool());
        QVERIFY(timer.elapsed() < 60000);
        QCOMPARE(panel->lastResult().outcome, MigrationRunResult::Outcome::Cancelled);
        QVERIFY(panel->lastResult().message.contains(QStringLiteral("Stopped on request")));
        QCOMPARE(stateNames(panel->model()), words("pending"));
        const QString log = panel->log()->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("Stopping after the current statement")),
                 qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("statement 2 of 3")), qPrintable(log));
        QCOMPARE(panel->cancelAction()->text(), QStringLiteral("Cancel"));
        QVERIFY(!panel->cancelAction()->isEnabled());
        QVERIFY(panel->applyAction()->isEnabled());
    }

    void cancelRunningStatement()
    {
        MainWindow window;
        MigrationsPanel *panel = openPanel(window, m_slowDir.path(), m_cancelConninfo);
        QVERIFY(panel);
        QSignalSpy finished(panel, &MigrationsPanel::runFinished);
        QElapsedTimer timer;
        timer.start();
        panel->applyAction()->trigger();
        acceptConfirmation();
        // Once statement 2 is done, pg_sleep(120) runs: only a cancel request ends it early.
        QTRY_VERIFY_WITH_TIMEOUT(panel->log()->toPlainText().contains(
                                     QStringLiteral("statement 2 of 3")),
                                 20000);
        panel->cancelAction()->trigger();
        panel->cancelAction()->trigger(); // the second press cancels the statement itself
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QVERIFY(timer.elapsed() < 60000);
        QVERIFY(!finished.first().first().toBool());
        QCOMPARE(panel->lastResult().outcome, MigrationRunResult::Outcome::Cancelled);
        QCOMPARE(stateNames(panel->model()), words("pending"));
        QVERIFY(panel->log()->toPlainText().contains(
            QStringLiteral("Cancelling the running statement")));
        QVERIFY(panel->progressBar()->text().contains(QStringLiteral("Stopped")));

        // The connection is fine afterwards, and the transaction left nothing behind.
        QSignalSpy loaded(panel, &MigrationsPanel::statusLoaded);
        panel->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
        QCOMPARE(stateNames(panel->model()), words("pending"));
    }

    // The picture for the docs, and the panel on real sizes: the demo migrations on a private
    // copy of the demo shop, four applied, the rest dry-run. Saved beside the test binary, or
    // where SLIPWAY_SCREENSHOT_DIR says (SLIPWAY_SCREENSHOT_DIR=docs/screenshots ctest -R
    // tst_migrationspanel refreshes the docs).
    void screenshot()
    {
        QString target = qEnvironmentVariable("SLIPWAY_SCREENSHOT_DIR");
        if (target.isEmpty())
            target = QCoreApplication::applicationDirPath();
        const QString demo = QDir(TestSandbox::sourceDir())
                                 .filePath(QStringLiteral("resources/demo/demo.sql"));
        const QString folder = QDir(TestSandbox::sourceDir())
                                   .filePath(QStringLiteral("resources/demo/migrations"));
        QString error;
        ThreadGuard::allowAllThreads();
        const QString conninfo = SchemaFixtures::recreateDatabase(QString::fromLatin1(DemoCopy),
                                                                  {demo},
                                                                  &error);
        MigrationRunResult prepared;
        if (!conninfo.isEmpty()) {
            PgConnection connection(conninfo);
            connection.open();
            MigrationRunOptions options;
            options.target = QStringLiteral("004");
            prepared = MigrationRunner(connection,
                                       folder,
                                       MigrationFolder::Dialect::Unknown,
                                       options)
                           .migrate();
        }
        ThreadGuard::forbidCurrentThread();
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
        QVERIFY2(prepared.ok(), qPrintable(prepared.message));

        MainWindow window;
        window.resize(1400, 900);
        MigrationsPanel *panel = openPanel(window, folder, conninfo);
        QVERIFY(panel);
        QVERIFY(runPanelAction(panel, panel->dryRunAction(), 120000)
                || !panel->lockModel()->statements().isEmpty());

        QDockWidget *dock = window.migrationActions()->panelDock();
        dock->setFloating(true);
        dock->resize(1100, 700);
        dock->show();
        // The picture shows the lock report, also when the dry run found the demo's failing
        // migration (which brings the log to the front).
        panel->outputTabs()->setCurrentIndex(MigrationsPanel::LockTab);
        // Room for the eleven migrations; the rest for the lock report.
        if (auto *splitter = panel->findChild<QSplitter *>())
            splitter->setSizes({290, 330});
        // Layout and paint events land before the grab (which paints the widget itself).
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QDir().mkpath(target);
        const QString path = QDir(target).absoluteFilePath(QStringLiteral("migrations.png"));
        QVERIFY(panel->grab().save(path));
        qInfo("screenshot saved to %s", qPrintable(path));
    }
};

QTEST_MAIN(TestMigrationsPanel)
#include "tst_migrationspanel.moc"
