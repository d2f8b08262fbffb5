// File ▸ New Migration… in the window: the template dialog names the migrations in the
// folder's dialect, shows up and down side by side, writes the files, and the migration opens
// with its up and down scripts side by side. Offscreen, with a real seeds-layout folder.

#include "editorlinter.h"
#include "guitest.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationeditor.h"
#include "newmigrationdialog.h"
#include "sqleditor.h"

#include "lint/lintmodel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

class TestNewMigrationDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { GuiTest::prepareApplication(QStringLiteral("tst_newmigrationdialog")); }
    void cleanup() { GuiTest::closeDialogs(); }

    void createsMigrationsInTheFolderDialect()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("migrations")));
        QDir().mkpath(dir.filePath(QStringLiteral("rollback")));
        QFile up(dir.filePath(QStringLiteral("migrations/V001__init.sql")));
        QVERIFY(up.open(QIODevice::WriteOnly));
        up.write("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n");
        up.close();
        QFile down(dir.filePath(QStringLiteral("rollback/R001__init.sql")));
        QVERIFY(down.open(QIODevice::WriteOnly));
        down.write("DROP TABLE orders;\n");
        down.close();

        MainWindow window;
        window.show();
        QAction *action = window.migrationActions()->newMigrationAction();
        QVERIFY(!action->isEnabled()); // no folder yet
        window.openMigrationFolder(dir.path());
        QVERIFY(action->isEnabled());
        action->trigger();
        auto *dialog = window.findChild<NewMigrationDialog *>(QStringLiteral("newMigrationDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());

        dialog->templateBox()->setCurrentIndex(
            dialog->templateBox()->findData(QStringLiteral("foreign-key")));
        dialog->field(QStringLiteral("table"))->setText(QStringLiteral("orders"));
        dialog->field(QStringLiteral("column"))->setText(QStringLiteral("customer_id"));
        dialog->field(QStringLiteral("references"))->setText(QStringLiteral("customers"));
        QCOMPARE(dialog->stepList()->count(), 2);
        QCOMPARE(dialog->stepList()->item(0)->text(),
                 QStringLiteral("V002__add_orders_customer_id_fkey_foreign_key.sql  ·  "
                                "R002__add_orders_customer_id_fkey_foreign_key.sql"));
        QVERIFY(dialog->stepList()->item(1)->text().startsWith(
            QLatin1String("V003__validate_orders_customer_id_fkey.sql")));
        QVERIFY(dialog->upPreview()->text().contains(QLatin1String("NOT VALID")));
        QVERIFY(dialog->downPreview()->text().contains(
            QLatin1String("DROP CONSTRAINT IF EXISTS orders_customer_id_fkey")));
        dialog->stepList()->setCurrentRow(1);
        QVERIFY(dialog->upPreview()->text().contains(
            QLatin1String("VALIDATE CONSTRAINT orders_customer_id_fkey")));

        // A name that is not plain SQL is refused before anything is written.
        dialog->field(QStringLiteral("table"))->setText(QStringLiteral("orders; DROP TABLE x"));
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("createButton"))->isEnabled());
        QVERIFY(dialog->problemLabel()->text().contains(QLatin1String("not a plain SQL name")));
        dialog->field(QStringLiteral("table"))->setText(QStringLiteral("orders"));

        QPushButton *create = dialog->findChild<QPushButton *>(QStringLiteral("createButton"));
        QVERIFY(create->isEnabled());
        const int tabsBefore = window.tabs()->count();
        create->click();
        QVERIFY(QFile::exists(dir.filePath(
            QStringLiteral("migrations/V002__add_orders_customer_id_fkey_foreign_key.sql"))));
        QVERIFY(QFile::exists(
            dir.filePath(QStringLiteral("rollback/R003__validate_orders_customer_id_fkey.sql"))));

        // The first new migration opens with up and down side by side, linted.
        QCOMPARE(window.tabs()->count(), tabsBefore + 1);
        auto *editor = qobject_cast<MigrationEditor *>(window.tabs()->currentWidget());
        QVERIFY(editor);
        QVERIFY(editor->upEditor()->text().contains(
            QLatin1String("FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")));
        QVERIFY(editor->downEditor()->text().contains(QLatin1String("DROP CONSTRAINT IF EXISTS")));
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), editor->title());

        // Editing and saving writes the file.
        editor->upEditor()->append(QStringLiteral("-- reviewed\n"));
        QVERIFY(editor->isModified());
        QVERIFY(window.tabs()->tabText(window.tabs()->currentIndex()).endsWith(QLatin1Char('*')));
        QString error;
        QVERIFY2(editor->save(&error), qPrintable(error));
        QFile saved(dir.filePath(
            QStringLiteral("migrations/V002__add_orders_customer_id_fkey_foreign_key.sql")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().endsWith("-- reviewed\n"));

        // The up script lints clean.
        editor->upLinter()->lintNow();
        QTRY_VERIFY_WITH_TIMEOUT(!editor->upLinter()->isRunning(), 10000);
        QCOMPARE(editor->upLinter()->model()->rowCount(), 0);
        GuiTest::saveShot(window, QStringLiteral("migration-editor.png"));
    }
};

QTEST_MAIN(TestNewMigrationDialog)
#include "tst_newmigrationdialog.moc"
