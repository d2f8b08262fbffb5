#pragma once

#include "db/databasechanges.h"

#include <QObject>

class MainWindow;
class SqlConsole;

// Keeps a window's views true to its database: when DatabaseChanges says the connected
// database changed (this window's panel or a console, a deploy wizard, another window, a status
// read that found new history), the schema tree reloads keeping what was open, the object panel
// follows, every editor reads its live schema again, and the migrations panel rereads its
// status unless it made the change itself. Also announces the schema changes its consoles
// commit. GUI thread only.
class WindowRefresher : public QObject
{
    Q_OBJECT

public:
    explicit WindowRefresher(MainWindow *window);

    void watchConsole(SqlConsole *console);

private:
    void onChanged(const QString &targetKey, DatabaseChanges::Source source, const QObject *origin);

    MainWindow *m_window;
};
