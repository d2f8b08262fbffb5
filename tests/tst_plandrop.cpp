// Dropping on the main window, offscreen and without a server: plan files (JSON or text, any
// extension) and plain text open plan tabs, .sql files open consoles, and a file that is not a
// plan opens nothing but says which file, which line and what was expected.

#include "guitest.h"
#include "mainwindow.h"
#include "planactions.h"
#include "planfixtures.h"
#include "planwidget.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include <QDropEvent>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace GuiTest;

class TestPlanDrop : public QObject
{
    Q_OBJECT

    // Sends the drag-enter and the drop a real drag would deliver; whether the target took it.
    static bool drop(QWidget *target, const QMimeData &mime)
    {
        const QPointF at(target->width() / 2.0, target->height() / 2.0);
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent event(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &event);
        return event.isAccepted();
    }

    static bool dropFiles(QWidget *target, const QStringList &paths)
    {
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString &path : paths)
            urls << QUrl::fromLocalFile(path);
        mime.setUrls(urls);
        // What file managers add besides the URLs; it must not be read as a plan.
        mime.setText(paths.join(QLatin1Char('\n')));
        return drop(target, mime);
    }

    static QMessageBox *errorBox(MainWindow &window)
    {
        return window.findChild<QMessageBox *>(QStringLiteral("dropErrorBox"));
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        prepareApplication(QStringLiteral("tst_plandrop"));
        QVERIFY(m_dir.isValid());
    }

    void cleanup() { closeDialogs(); }

    void droppedPlanFilesOpenPlanTabs()
    {
        MainWindow window;
        window.show();
        const int tabs = window.tabs()->count();
        QVERIFY(dropFiles(&window, {PlanFixtures::path(QStringLiteral("simple-join.json"))}));
        QCOMPARE(window.planActions()->planTabs().size(), 1);
        QCOMPARE(window.tabs()->count(), tabs + 1);
        PlanWidget *json = window.planActions()->planTabs().first();
        QCOMPARE(window.tabs()->currentWidget(), json);
        QCOMPARE(json->title(), QStringLiteral("simple-join.json"));
        QCOMPARE(json->plan().size(), 6);

        // Text EXPLAIN output under an extension that says nothing about it.
        const QString logFile = m_dir.filePath(QStringLiteral("slow-query.log"));
        QFile::remove(logFile);
        QVERIFY(QFile::copy(PlanFixtures::path(QStringLiteral("simple-join.txt")), logFile));
        QVERIFY(dropFiles(&window, {logFile}));
        QCOMPARE(window.planActions()->planTabs().size(), 2);
        QCOMPARE(window.planActions()->planTabs().at(1)->plan().size(), 6);
        QVERIFY(!errorBox(window));

        // Plain text, e.g. dragged from a browser.
        QMimeData text;
        text.setText(PlanFixtures::read(QStringLiteral("simple-join.txt")));
        QVERIFY(drop(&window, text));
        QCOMPARE(window.planActions()->planTabs().size(), 3);
        QCOMPARE(window.planActions()->planTabs().at(2)->title(), QStringLiteral("dropped"));
    }

    void aFileThatIsNoPlanOpensNothing()
    {
        MainWindow window;
        window.show();
        const int tabs = window.tabs()->count();
        const QString bad = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("Shopping list\n- milk\n- bread\n");
        file.close();

        QVERIFY(dropFiles(&window, {bad})); // taken, so the user sees why nothing opened
        QCOMPARE(window.tabs()->count(), tabs);
        QVERIFY(window.planActions()->planTabs().isEmpty());
        const QString status = window.statusBar()->currentMessage();
        QVERIFY2(status.contains(QStringLiteral("notes.txt")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("line 1")), qPrintable(status));
        QMessageBox *box = errorBox(window);
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(box->informativeText().contains(QStringLiteral("notes.txt")));
        QVERIFY2(box->informativeText().contains(QStringLiteral("expected")),
                 qPrintable(box->informativeText()));
        box->close();

        QMimeData text;
        text.setText(QStringLiteral("SELECT 1"));
        QVERIFY(drop(&window, text));
        QCOMPARE(window.tabs()->count(), tabs);

        // Not even a file: nothing to take.
        QMimeData remote;
        remote.setUrls({QUrl(QStringLiteral("https://example.com/plan.json"))});
        QVERIFY(!drop(&window, remote));
    }

    void droppedSqlFilesOpenConsoles()
    {
        MainWindow window;
        window.show();
        const QString sql = m_dir.filePath(QStringLiteral("report.SQL"));
        QFile file(sql);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("SELECT 42;\n");
        file.close();
        const QString plan = PlanFixtures::path(QStringLiteral("simple-join.txt"));

        QVERIFY(dropFiles(&window, {sql, plan}));
        QCOMPARE(window.planActions()->planTabs().size(), 1);
        SqlConsole *console = nullptr;
        for (SqlConsole *candidate : window.consoles()) {
            if (candidate->filePath() == QFileInfo(sql).absoluteFilePath())
                console = candidate;
        }
        QVERIFY(console);
        QCOMPARE(console->editor()->text(), QStringLiteral("SELECT 42;\n"));
        QVERIFY(!errorBox(window));
    }

    // QScintilla takes dropped files itself and only reports them; they open all the same.
    void filesDroppedOnAnEditorOpen()
    {
        MainWindow window;
        window.show();
        SqlConsole *console = window.currentConsole();
        QVERIFY(console);
        QVERIFY(dropFiles(console->editor()->viewport(),
                          {PlanFixtures::path(QStringLiteral("simple-join.json"))}));
        QCOMPARE(window.planActions()->planTabs().size(), 1);
        QVERIFY(console->editor()->text().isEmpty());

        window.newConsole();
        QVERIFY(dropFiles(window.currentConsole()->editor()->viewport(),
                          {PlanFixtures::path(QStringLiteral("simple-join.txt"))}));
        QCOMPARE(window.planActions()->planTabs().size(), 2);
    }
};

QTEST_MAIN(TestPlanDrop)
#include "tst_plandrop.moc"
