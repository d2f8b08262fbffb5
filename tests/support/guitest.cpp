#include "guitest.h"

#include "mainwindow.h"
#include "migrationspanel.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "db/connectionworker.h"
#include "db/resulttablemodel.h"
#include "db/threadguard.h"
#include "pgactivity.h"
#include "testsandbox.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace GuiTest {

namespace {
QString &conninfoStore()
{
    static QString conninfo;
    return conninfo;
}
} // namespace

void prepareApplication(const QString &applicationName)
{
    ThreadGuard::forbidCurrentThread();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
    QCoreApplication::setApplicationName(applicationName);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

bool loadFixture(QString *error)
{
    conninfoStore() = TestSandbox::conninfo(QStringLiteral("postgres"), error);
    return !conninfoStore().isEmpty();
}

QString fixtureConninfo()
{
    return conninfoStore();
}

ConnectionProfile profile(const QString &name, bool production)
{
    ConnectionProfile p;
    p.name = name;
    p.engine = Connection::Engine::PostgreSQL;
    p.conninfo = conninfoStore();
    p.production = production;
    return p;
}

bool connectWindow(MainWindow &window, const ConnectionProfile &profile)
{
    QSignalSpy connected(&window, &MainWindow::connected);
    QSignalSpy failed(&window, &MainWindow::connectionFailed);
    window.connectTo(profile);
    if (!QTest::qWaitFor([&] { return connected.count() > 0 || failed.count() > 0; }, 20000))
        return false;
    if (failed.count() > 0) {
        qWarning() << "connection failed:"
                   << failed.first().first().value<DbError>().toDisplayString();
        return false;
    }
    return window.connection() && window.connection()->isOpen();
}

bool runAndWait(SqlConsole *console, const QString &sql, int timeoutMs)
{
    console->editor()->setText(sql);
    console->editor()->setCursorCharIndex(0);
    QSignalSpy finished(console, &SqlConsole::executionFinished);
    console->run();
    if (!QTest::qWaitFor([&] { return finished.count() > 0; }, timeoutMs))
        return false;
    return finished.first().first().toBool();
}

bool saveShot(QWidget &widget, const QString &name)
{
    // Let pending layout and repaint events land before grabbing (a grab paints the widget
    // itself, so nothing else is waited for).
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    if (!widget.grab().toImage().save(path))
        return false;
    qInfo("screenshot saved to %s", qPrintable(path));
    return true;
}

QString backendPid(SqlConsole *console)
{
    return runAndWait(console, QStringLiteral("SELECT pg_backend_pid()"))
               ? console->resultModel()->text(0, 0)
               : QString();
}

bool waitUntilSleeping(const QString &pid, int timeoutMs)
{
    return PgActivity::waitUntilSleeping(fixtureConninfo(), pid, timeoutMs);
}

QMessageBox *waitForRunConfirmation(int timeoutMs)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                auto *candidate = qobject_cast<QMessageBox *>(widget);
                if (candidate && candidate->objectName() == QLatin1String("runConfirmation")
                    && candidate->isVisible())
                    box = candidate;
            }
            return box != nullptr;
        },
        timeoutMs);
    return shown ? box : nullptr;
}

bool runPanelAction(MigrationsPanel *panel, QAction *action, int timeoutMs)
{
    if (!action->isEnabled()) {
        qWarning("%s is disabled", qPrintable(action->objectName()));
        return false;
    }
    QSignalSpy finished(panel, &MigrationsPanel::runFinished);
    action->trigger();
    // Apply and roll back ask first; a dry run starts at once.
    if (!panel->isBusy()) {
        QMessageBox *box = waitForRunConfirmation();
        if (!box) {
            qWarning("%s neither started nor asked", qPrintable(action->objectName()));
            return false;
        }
        box->findChild<QPushButton *>(QStringLiteral("confirmRun"))->click();
    }
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, timeoutMs)) {
        qWarning("%s did not finish", qPrintable(action->objectName()));
        return false;
    }
    return finished.first().first().toBool();
}

void closeDialogs()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (qobject_cast<QDialog *>(w))
            w->close();
    }
}

} // namespace GuiTest
