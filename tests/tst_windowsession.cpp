// Session restore: a window saved on close comes back with its size, dock layout, consoles (a
// file's path; a scratch console's title and text, unmodified), current tab, migration folder and
// the connected profile's name, and never a password. Offscreen widgets; QSettings in a file of
// the test's own.

#include "guitest.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationfolderdock.h"
#include "sqlconsole.h"
#include "sqleditor.h"
#include "windowsession.h"

#include "db/threadguard.h"

#include <QDockWidget>
#include <QFile>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace GuiTest;

class TestWindowSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        prepareApplication(QStringLiteral("tst_windowsession"));
        QString error;
        if (!loadFixture(&error))
            QFAIL(qPrintable(error));
    }

    void cleanup() { closeDialogs(); }

    void windowComesBackAsItWasLeft()
    {
        const QString settingsPath = m_dir.filePath(QStringLiteral("session.ini"));
        const QString sqlFile = m_dir.filePath(QStringLiteral("report.sql"));
        {
            QFile file(sqlFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("SELECT 42;\n");
        }
        const QString folder = m_dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(folder));
        {
            MainWindow window;
            window.resize(1000, 700);
            window.show();
            ConnectionProfile target = profile(QStringLiteral("restored"));
            QVERIFY(connectWindow(window, target));
            window.currentConsole()->editor()->setText(QStringLiteral("SELECT 'scratch one';"));
            QVERIFY(window.openSqlFile(sqlFile));
            window.newConsole()->editor()->setText(QStringLiteral("SELECT 'scratch two';"));
            window.openMigrationFolder(folder);
            window.migrationActions()->panelDock()->hide();
            window.tabs()->setCurrentIndex(1);
            QSettings settings(settingsPath, QSettings::IniFormat);
            WindowSession::save(window, settings);
        }
        QFile saved(settingsPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray written = saved.readAll();
        QVERIFY(written.contains("scratch two"));
        QVERIFY(!written.contains("password"));

        MainWindow window;
        QSettings settings(settingsPath, QSettings::IniFormat);
        QCOMPARE(WindowSession::restore(window, settings), QStringLiteral("restored"));
        window.show();
        QCOMPARE(window.size(), QSize(1000, 700));
        const QList<SqlConsole *> consoles = window.consoles();
        QCOMPARE(consoles.size(), 3);
        QCOMPARE(consoles.at(0)->title(), QStringLiteral("Console 1"));
        QCOMPARE(consoles.at(0)->editor()->text(), QStringLiteral("SELECT 'scratch one';"));
        QVERIFY(!consoles.at(0)->isModified()); // kept, so nothing asks to save it now
        QCOMPARE(QFileInfo(consoles.at(1)->filePath()), QFileInfo(sqlFile));
        QCOMPARE(consoles.at(1)->editor()->text(), QStringLiteral("SELECT 42;\n"));
        QCOMPARE(consoles.at(2)->title(), QStringLiteral("Console 2"));
        QCOMPARE(consoles.at(2)->editor()->text(), QStringLiteral("SELECT 'scratch two';"));
        QCOMPARE(window.tabs()->currentIndex(), 1);
        QCOMPARE(QFileInfo(window.migrationDock()->folder()), QFileInfo(folder));
        QVERIFY(!window.migrationActions()->panelDock()->isVisible());
        QVERIFY(window.migrationDock()->isVisible());
    }

    void nothingSavedRestoresADefaultWindow()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
        MainWindow window;
        QCOMPARE(WindowSession::restore(window, settings), QString());
        QCOMPARE(window.consoles().size(), 1);
        QCOMPARE(window.size(), QSize(1280, 800));
    }
};

QTEST_MAIN(TestWindowSession)
#include "tst_windowsession.moc"
