// Nothing is lost: every editable tab (SQL console with or without a file, migration editor) and
// the checklist editor go through one save-on-close path. Save / Discard / Cancel on tab close
// and window close; a failed save names the path and the operating system's error, and the
// document stays open and modified. Offscreen, real files, no database.

#include "checklisteditordialog.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationeditor.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "deploy/checklist.h"
#include "guitest.h"
#include "testfiles.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The next modal message boxes named `name` are answered in turn with `buttons` as soon as each
// shows (the prompts run their own event loop). What each said is kept for the test to check.
struct Answer
{
    int seen = 0;
    QString text;            // of the last box answered
    QString informativeText; // of the last box answered
};

// Parent of the answering timers; replaced for every test so none outlives its test.
QPointer<QObject> answerers;

std::shared_ptr<Answer> answerNext(const QString &name,
                                   QList<QMessageBox::StandardButton> buttons,
                                   const QString &shotName = {})
{
    auto answer = std::make_shared<Answer>();
    auto *timer = new QTimer(answerers.data());
    auto attempts = std::make_shared<int>(0);
    auto last = std::make_shared<QPointer<QMessageBox>>();
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, qApp, [=] {
        if (++*attempts > 1500 || answer->seen == buttons.size()) {
            // Done, or 15 s without the prompt: the test's own checks say which.
            timer->stop();
            timer->deleteLater();
            return;
        }
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box == *last || box->objectName() != name || !box->isVisible())
            return;
        *last = box;
        if (!shotName.isEmpty() && answer->seen == 0)
            GuiTest::saveShot(*box, shotName); // for a look at the prompt as users see it
        answer->text = box->text();
        answer->informativeText = box->informativeText();
        box->button(buttons.at(answer->seen++))->click();
    });
    timer->start();
    return answer;
}

std::shared_ptr<Answer> answerNext(const QString &name, QMessageBox::StandardButton button)
{
    return answerNext(name, QList<QMessageBox::StandardButton>{button});
}

} // namespace

class TestDocuments : public QObject
{
    Q_OBJECT

    static void type(SqlEditor *editor, const QString &text)
    {
        editor->setFocus();
        editor->selectAll();
        editor->removeSelectedText();
        editor->insert(text);
        editor->setModified(true); // as the keyboard would
    }

private slots:
    void initTestCase() { GuiTest::prepareApplication(QStringLiteral("tst_documents")); }
    void init() { answerers = new QObject(this); }
    void cleanup()
    {
        delete answerers.data();
        GuiTest::closeDialogs();
    }

    void fileConsoleAsksOnClose()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.sql"));
        TestFiles::write(path, "SELECT 1;\n");
        MainWindow window;
        window.show();
        SqlConsole *console = window.openSqlFile(path);
        QVERIFY(console);
        type(console->editor(), QStringLiteral("SELECT 2;\n"));
        QVERIFY(console->isModified());

        // Cancel: the tab stays, modified; the file is untouched.
        auto cancel = answerNext(QStringLiteral("unsavedChangesPrompt"),
                                 {QMessageBox::Cancel},
                                 QStringLiteral("unsaved-changes-prompt.png"));
        window.closeTab(window.tabs()->indexOf(console));
        QVERIFY(cancel->seen);
        QVERIFY2(cancel->text.contains(QStringLiteral("report.sql")), qPrintable(cancel->text));
        QVERIFY(window.tabs()->indexOf(console) >= 0);
        QVERIFY(console->isModified());
        QCOMPARE(readText(path), QStringLiteral("SELECT 1;\n"));

        // Save: written, then closed.
        auto save = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Save);
        window.closeTab(window.tabs()->indexOf(console));
        QVERIFY(save->seen);
        QCOMPARE(readText(path), QStringLiteral("SELECT 2;\n"));
        QTRY_COMPARE(window.tabs()->indexOf(console), -1);
    }

    void discardClosesWithoutWriting()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.sql"));
        TestFiles::write(path, "SELECT 'kept';\n");
        MainWindow window;
        SqlConsole *console = window.openSqlFile(path);
        QVERIFY(console);
        type(console->editor(), QStringLiteral("SELECT 'dropped';\n"));
        auto discard = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Discard);
        window.closeTab(window.tabs()->indexOf(console));
        QVERIFY(discard->seen);
        QCOMPARE(window.tabs()->indexOf(console), -1);
        QCOMPARE(readText(path), QStringLiteral("SELECT 'kept';\n"));
    }

    void failedSaveIsShownAndKeepsTheTab()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("gone"));
        const QString path = folder + QStringLiteral("/draft.sql");
        TestFiles::write(path, "SELECT 1;\n");
        MainWindow window;
        SqlConsole *console = window.openSqlFile(path);
        QVERIFY(console);
        type(console->editor(), QStringLiteral("SELECT 'mine';\n"));
        // The folder disappears under the editor (even root cannot write there then).
        QVERIFY(QDir(folder).removeRecursively());

        auto save = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Save);
        auto failed = answerNext(QStringLiteral("saveFailedMessage"),
                                 {QMessageBox::Ok},
                                 QStringLiteral("save-failed-message.png"));
        window.closeTab(window.tabs()->indexOf(console));
        QVERIFY(save->seen);
        QVERIFY(failed->seen);
        QVERIFY2(failed->informativeText.contains(path), qPrintable(failed->informativeText));
        QVERIFY2(failed->informativeText.contains(QStringLiteral("No such file or directory")),
                 qPrintable(failed->informativeText));
        QVERIFY(window.tabs()->indexOf(console) >= 0);
        QVERIFY(console->isModified());
        QCOMPARE(console->editor()->text(), QStringLiteral("SELECT 'mine';\n"));

        // Ctrl+S takes the same path and says the same.
        auto again = answerNext(QStringLiteral("saveFailedMessage"), QMessageBox::Ok);
        QVERIFY(!window.saveCurrent());
        QVERIFY(again->seen);
        QVERIFY(again->informativeText.contains(path));
        QVERIFY(console->isModified());
    }

    void scratchConsoleAsksOnlyWithText()
    {
        MainWindow window;
        SqlConsole *blank = window.currentConsole();
        QVERIFY(blank);
        QVERIFY(!blank->isModified());
        SqlConsole *typed = window.newConsole();
        type(typed->editor(), QStringLiteral("SELECT 'typed';"));
        QVERIFY(typed->isModified());

        auto discard = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Discard);
        window.closeTab(window.tabs()->indexOf(typed));
        QVERIFY(discard->seen);
        QCOMPARE(window.tabs()->indexOf(typed), -1);

        // A blank console closes without a question: no prompt is answered.
        auto none = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Cancel);
        window.closeTab(window.tabs()->indexOf(blank));
        QCOMPARE(window.tabs()->indexOf(blank), -1);
        QCOMPARE(none->seen, 0);
    }

    void migrationEditorSavesBothScriptsAndAsks()
    {
        QTemporaryDir dir;
        const QString up = dir.filePath(QStringLiteral("migrations/V001__create_items.sql"));
        const QString down = dir.filePath(QStringLiteral("rollback/R001__create_items.sql"));
        TestFiles::write(up, "CREATE TABLE items (id int);\n");
        TestFiles::write(down, "DROP TABLE items;\n");
        MainWindow window;
        window.show();
        window.openMigrationFolder(dir.filePath(QStringLiteral("migrations")));
        MigrationEditor *editor = window.migrationActions()->openMigration(up);
        QVERIFY(editor);
        type(editor->upEditor(), QStringLiteral("CREATE TABLE items (id bigint);\n"));
        type(editor->downEditor(), QStringLiteral("DROP TABLE IF EXISTS items;\n"));

        // Ctrl+S is the window's Save, which writes both scripts.
        QVERIFY(window.saveCurrent());
        QCOMPARE(readText(up), QStringLiteral("CREATE TABLE items (id bigint);\n"));
        QCOMPARE(readText(down), QStringLiteral("DROP TABLE IF EXISTS items;\n"));
        QVERIFY(!editor->isModified());

        // Closing with edits asks; Cancel keeps the tab.
        type(editor->upEditor(), QStringLiteral("CREATE TABLE items (id text);\n"));
        auto cancel = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Cancel);
        window.closeTab(window.tabs()->indexOf(editor));
        QVERIFY(cancel->seen);
        QVERIFY(window.tabs()->indexOf(editor) >= 0);

        // A failed Ctrl+S is shown with the path, never ignored.
        QVERIFY(QDir(dir.filePath(QStringLiteral("migrations"))).removeRecursively());
        auto failed = answerNext(QStringLiteral("saveFailedMessage"), QMessageBox::Ok);
        QVERIFY(!window.saveCurrent());
        QVERIFY(failed->seen);
        QVERIFY2(failed->informativeText.contains(up), qPrintable(failed->informativeText));
        QVERIFY(editor->isModified());
    }

    void windowCloseAsksEveryModifiedTab()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.sql"));
        const QString b = dir.filePath(QStringLiteral("b.sql"));
        TestFiles::write(a, "SELECT 'a';\n");
        TestFiles::write(b, "SELECT 'b';\n");
        MainWindow window;
        window.show();
        SqlConsole *first = window.openSqlFile(a);
        SqlConsole *second = window.openSqlFile(b);
        QVERIFY(first && second);
        type(first->editor(), QStringLiteral("SELECT 'a2';\n"));
        type(second->editor(), QStringLiteral("SELECT 'b2';\n"));

        // Cancel at the first prompt: the window stays, nothing is written.
        auto cancel = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(cancel->seen);
        QVERIFY(window.isVisible());
        QCOMPARE(readText(a), QStringLiteral("SELECT 'a';\n"));

        // Save the first, discard the second: the window closes.
        auto answers = answerNext(QStringLiteral("unsavedChangesPrompt"),
                                  {QMessageBox::Save, QMessageBox::Discard});
        QVERIFY(window.close());
        QCOMPARE(answers->seen, 2);
        QCOMPARE(readText(a), QStringLiteral("SELECT 'a2';\n"));
        QCOMPARE(readText(b), QStringLiteral("SELECT 'b';\n"));
    }

    void checklistEditorAsksBeforeDroppingEdits()
    {
        QTemporaryDir dir;
        QString error;
        const Checklist checklist = Checklist::forFolder(dir.path(),
                                                         QStringLiteral("pre-migration"),
                                                         &error);
        QVERIFY2(checklist.isValid(), qPrintable(error));
        const QString target = dir.filePath(Checklist::folderFileName());

        ChecklistEditorDialog dialog(checklist, dir.path());
        dialog.show();
        QVERIFY(!dialog.isModified());
        auto *name = dialog.findChild<QLineEdit *>();
        QVERIFY(name);
        name->setText(QStringLiteral("Release 43"));
        QVERIFY(dialog.isModified());

        auto cancel = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Cancel);
        dialog.reject();
        QVERIFY(cancel->seen);
        QVERIFY(dialog.isVisible());
        QVERIFY(!QFile::exists(target));

        auto save = answerNext(QStringLiteral("unsavedChangesPrompt"), QMessageBox::Save);
        dialog.reject();
        QVERIFY(save->seen);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(Checklist::forFolder(dir.path(), QStringLiteral("pre-migration"), &error).name(),
                 QStringLiteral("Release 43"));
    }
};

QTEST_MAIN(TestDocuments)
#include "tst_documents.moc"
