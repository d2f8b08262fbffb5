#include "windowsession.h"

#include "mainwindow.h"
#include "migrationfolderdock.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "logcategories.h"

#include <QFileInfo>
#include <QSettings>
#include <QTabWidget>

namespace {

const char Group[] = "windowSession";

} // namespace

void WindowSession::save(const MainWindow &window, QSettings &settings)
{
    settings.beginGroup(QLatin1String(Group));
    settings.setValue(QStringLiteral("geometry"), window.saveGeometry());
    settings.setValue(QStringLiteral("state"), window.saveState());
    settings.setValue(QStringLiteral("migrationFolder"), window.migrationDock()->folder());
    settings.setValue(QStringLiteral("profile"),
                      window.connection() ? window.profile().name : QString());
    const QList<SqlConsole *> consoles = window.consoles();
    settings.beginWriteArray(QStringLiteral("consoles"), int(consoles.size()));
    for (int i = 0; i < consoles.size(); ++i) {
        settings.setArrayIndex(i);
        const SqlConsole *console = consoles.at(i);
        settings.setValue(QStringLiteral("file"), console->filePath());
        const QString text = console->filePath().isEmpty() ? console->editor()->text() : QString();
        settings.setValue(QStringLiteral("title"), console->title());
        settings.setValue(QStringLiteral("text"),
                          text.toUtf8().size() <= MaxScratchBytes ? text : QString());
    }
    settings.endArray();
    settings.setValue(QStringLiteral("current"), window.tabs()->currentIndex());
    settings.endGroup();
}

QString WindowSession::restore(MainWindow &window, QSettings &settings)
{
    settings.beginGroup(QLatin1String(Group));
    window.restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    const int count = settings.beginReadArray(QStringLiteral("consoles"));
    QList<SqlConsole *> opened;
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString file = settings.value(QStringLiteral("file")).toString();
        if (!file.isEmpty()) {
            QString error;
            if (SqlConsole *console = window.openSqlFile(file, &error))
                opened << console;
            else
                qCWarning(lcUi) << "console not restored:" << error;
            continue;
        }
        // The window opens with an empty Console 1: the first scratch console takes its place.
        SqlConsole *console = opened.isEmpty() && window.consoles().size() == 1
                                      && window.consoles().first()->editor()->text().isEmpty()
                                  ? window.consoles().first()
                                  : window.newConsole();
        console->setScratchTitle(settings.value(QStringLiteral("title")).toString());
        console->editor()->setText(settings.value(QStringLiteral("text")).toString());
        console->editor()->setModified(false);
        opened << console;
    }
    settings.endArray();
    const int current = settings.value(QStringLiteral("current"), -1).toInt();
    if (current >= 0 && current < window.tabs()->count())
        window.tabs()->setCurrentIndex(current);
    const QString folder = settings.value(QStringLiteral("migrationFolder")).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        window.openMigrationFolder(folder);
    // After the docks exist (the migrations panel's is made with the folder).
    window.restoreState(settings.value(QStringLiteral("state")).toByteArray());
    const QString profile = settings.value(QStringLiteral("profile")).toString();
    settings.endGroup();
    return profile;
}
