#pragma once

#include "db/connectionprofile.h"

#include <QString>

class MainWindow;
class MigrationsPanel;
class QAction;
class QMessageBox;
class QWidget;
class SqlConsole;

// Helpers shared by the widget suites: application set-up, fixture profiles, connecting a window
// and running a console to completion. All of them spin the event loop on the GUI thread and
// never touch a database themselves.
namespace GuiTest {

// Test-mode standard paths, fixed organisation/application names, an English (US) locale so
// formatted counts are stable, and ThreadGuard on for the calling (GUI) thread.
void prepareApplication(const QString &applicationName);

// Reads the fixture server's conninfo (user postgres) for profile(); false with *error set when
// the server is missing.
bool loadFixture(QString *error);
QString fixtureConninfo();

ConnectionProfile profile(const QString &name = QStringLiteral("fixture"), bool production = false);

// Connects the window and waits for the answer; false (with a warning) on failure or timeout.
bool connectWindow(MainWindow &window, const ConnectionProfile &profile);

// Replaces the console's text, runs it and waits; returns the console's success flag.
bool runAndWait(SqlConsole *console, const QString &sql, int timeoutMs = 30000);

// Saves the widget next to the test binary for a visual check of the layout.
bool saveShot(QWidget &widget, const QString &name);

// The console's server backend pid (runs SELECT pg_backend_pid() in it); empty on failure.
QString backendPid(SqlConsole *console);
// Polls pg_stat_activity from a session of its own until backend `pid` sleeps in pg_sleep, i.e.
// the statement has reached the server and a cancel now interrupts it.
bool waitUntilSleeping(const QString &pid, int timeoutMs = 10000);

// Triggers a migrations panel action and waits for the run it starts, accepting the confirmation
// that applies and rollbacks ask for (RunConfirmation); returns runFinished's flag, false when
// the action is disabled or the run does not finish in time.
bool runPanelAction(MigrationsPanel *panel, QAction *action, int timeoutMs = 60000);
// The confirmation a panel action opened, once it is shown; null when none came in time.
QMessageBox *waitForRunConfirmation(int timeoutMs = 5000);

// Closes dialogs a failed test left open (those opened with open() delete themselves on close).
void closeDialogs();

} // namespace GuiTest
