// The checklist editor: the item model under QAbstractItemModelTester while it is edited, the
// dialog's add / remove / move buttons, saving a file that Checklist::fromFile (what the deploy
// wizard uses) reads back, refusing a list that would not read back without touching the folder's
// file, and every template saved unchanged. Offscreen.

#include "checklisteditordialog.h"
#include "guitest.h"

#include "deploy/checklist.h"
#include "deploy/checklistitemmodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using Phase = ChecklistItem::Phase;
using M = ChecklistItemModel;

namespace {

ChecklistItem makeItem(const char *id,
                       const char *title,
                       const char *help,
                       Phase phase,
                       const char *kind,
                       bool required,
                       bool blocking)
{
    ChecklistItem item;
    item.id = QString::fromUtf8(id);
    item.title = QString::fromUtf8(title);
    item.help = QString::fromUtf8(help);
    item.phase = phase;
    item.kind = QString::fromUtf8(kind);
    item.required = required;
    item.blocking = blocking;
    return item;
}

Checklist sample()
{
    return Checklist(QStringLiteral("Parcels release"),
                     QStringLiteral("Checks for the parcels service."),
                     {makeItem("backup",
                               "Backup verified",
                               "pg_dump and restore",
                               Phase::Prepare,
                               "backup",
                               true,
                               true),
                      makeItem("approval", "Team approval", "", Phase::Prepare, "manual", true, true),
                      makeItem("verify",
                               "Verified",
                               "verify scripts pass",
                               Phase::Verify,
                               "verify",
                               true,
                               false)});
}

// QT_NO_CAST_FROM_ASCII: expected lists spelled as plain literals.
QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

QStringList ids(const QList<ChecklistItem> &items)
{
    QStringList list;
    for (const ChecklistItem &item : items)
        list << item.id;
    return list;
}

QStringList menuKinds(const ChecklistEditorDialog &dialog)
{
    QStringList kinds;
    for (QAction *action :
         dialog.findChild<QPushButton *>(QStringLiteral("addAutomated"))->menu()->actions())
        kinds << action->data().toString();
    return kinds;
}

QPushButton *button(const ChecklistEditorDialog &dialog, const char *name)
{
    return dialog.findChild<QPushButton *>(QString::fromLatin1(name));
}

void selectRow(ChecklistEditorDialog &dialog, int row)
{
    dialog.view()->selectionModel()->setCurrentIndex(dialog.model()->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect
                                                         | QItemSelectionModel::Rows);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Field by field; the caller checks QTest::currentTestFailed().
void compareChecklists(const Checklist &actual, const Checklist &expected)
{
    QCOMPARE(actual.name(), expected.name());
    QCOMPARE(actual.description(), expected.description());
    QCOMPARE(actual.items().size(), expected.items().size());
    for (qsizetype i = 0; i < actual.items().size(); ++i) {
        const ChecklistItem &a = actual.items().at(i);
        const ChecklistItem &e = expected.items().at(i);
        QCOMPARE(a.id, e.id);
        QCOMPARE(a.title, e.title);
        QCOMPARE(a.help, e.help);
        QCOMPARE(a.phase, e.phase);
        QCOMPARE(a.kind, e.kind);
        QCOMPARE(a.required, e.required);
        QCOMPARE(a.blocking, e.blocking);
    }
    QCOMPARE(actual.distinctSigners(), expected.distinctSigners());
}

} // namespace

class TestChecklistEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { GuiTest::prepareApplication(QStringLiteral("tst_checklisteditor")); }
    void cleanup() { GuiTest::closeDialogs(); }

    void modelSurvivesTheTester()
    {
        ChecklistItemModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems(sample().items());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 7);
        QCOMPARE(model.headerData(M::KindColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Check"));
        QCOMPARE(model.headerData(M::RequiredColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Required"));

        QVERIFY(model.insertRows(1, 2));
        QCOMPARE(ids(model.items()),
                 strings({"backup", "sign-off", "sign-off-2", "approval", "verify"}));
        QCOMPARE(model.items().at(1).kind, QStringLiteral("manual"));
        QVERIFY(model.removeRows(1, 2));
        QVERIFY(!model.removeRows(2, 2)); // past the end
        QVERIFY(!model.insertRows(4, 1)); // past the end

        // A block of two moved below the last row, then single moves.
        QVERIFY(model.moveRows({}, 0, 2, {}, 3));
        QCOMPARE(ids(model.items()), strings({"verify", "backup", "approval"}));
        QVERIFY(!model.moveRows({}, 0, 1, {}, 1)); // onto itself
        QVERIFY(!model.moveItemUp(0));
        QVERIFY(!model.moveItemDown(2));
        QVERIFY(model.moveItemDown(0));
        QCOMPARE(ids(model.items()), strings({"backup", "verify", "approval"}));
        QVERIFY(model.moveItemUp(2));
        QCOMPARE(ids(model.items()), strings({"backup", "approval", "verify"}));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.setData(model.index(0, M::TitleColumn), QStringLiteral("Backup restored")));
        QVERIFY(model.setData(model.index(0, M::TitleColumn), QStringLiteral("Backup restored")));
        QCOMPARE(changed.count(), 1); // the same value again changes nothing
        QCOMPARE(model.insertItem(99, model.newAutomatedItem(QStringLiteral("impact"))), 3);
        QVERIFY(model.setData(model.index(3, M::PhaseColumn), QStringLiteral("execute")));
        QVERIFY(model.setData(model.index(3, M::BlockingColumn), Qt::Checked, Qt::CheckStateRole));
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
    }

    void editingThroughTheModel()
    {
        ChecklistItemModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems(sample().items());

        QVERIFY(model.setData(model.index(1, M::TitleColumn),
                              QStringLiteral("Product owner approves")));
        QCOMPARE(model.items().at(1).title, QStringLiteral("Product owner approves"));
        QVERIFY(model.setData(model.index(1, M::IdColumn), QStringLiteral("  po-approval ")));
        QCOMPARE(model.items().at(1).id, QStringLiteral("po-approval"));

        QCOMPARE(model.data(model.index(1, M::PhaseColumn)).toString(), QStringLiteral("Prepare"));
        QVERIFY(model.setData(model.index(1, M::PhaseColumn), QStringLiteral("verify")));
        QCOMPARE(model.items().at(1).phase, Phase::Verify);
        QCOMPARE(model.data(model.index(1, M::PhaseColumn)).toString(), QStringLiteral("Verify"));
        QCOMPARE(model.data(model.index(1, M::PhaseColumn), Qt::EditRole).toString(),
                 QStringLiteral("verify"));
        QVERIFY(!model.setData(model.index(1, M::PhaseColumn), QStringLiteral("later")));
        QCOMPARE(model.items().at(1).phase, Phase::Verify);
        QVERIFY(model.setData(model.index(1, M::TitleColumn), int(Phase::Execute), M::PhaseRole));
        QCOMPARE(model.items().at(1).phase, Phase::Execute);

        QCOMPARE(model.data(model.index(1, M::KindColumn)).toString(),
                 QStringLiteral("Manual sign-off"));
        QCOMPARE(model.data(model.index(0, M::KindColumn)).toString(),
                 QStringLiteral("Backup and restore"));
        QVERIFY(model.setData(model.index(1, M::KindColumn), QStringLiteral("impact")));
        QCOMPARE(model.items().at(1).kind, QStringLiteral("impact"));
        QCOMPARE(model.data(model.index(1, M::KindColumn)).toString(),
                 QStringLiteral("Impact assessment"));
        QVERIFY(!model.setData(model.index(1, M::KindColumn), QStringLiteral("magic")));
        QCOMPARE(model.items().at(1).kind, QStringLiteral("impact"));
        QCOMPARE(model.unusedAutomatedKinds(), strings({"pending", "lint-clean", "rehearsal"}));

        const QModelIndex required = model.index(0, M::RequiredColumn);
        QVERIFY(model.flags(required) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(required) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(0, M::TitleColumn)) & Qt::ItemIsEditable);
        QCOMPARE(model.data(required, Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(model.setData(required, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.items().at(0).required);
        QVERIFY(model.items().at(0).blocking); // its neighbour is untouched
        QVERIFY(model.setData(model.index(0, M::BlockingColumn), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.items().at(0).blocking);
        QVERIFY(!model.setData(model.index(0, M::TitleColumn), Qt::Unchecked, Qt::CheckStateRole));

        QCOMPARE(model.data(model.index(0, M::IdColumn), Qt::ToolTipRole).toString(),
                 QStringLiteral("pg_dump and restore"));
        QVERIFY(
            model.setData(model.index(0, M::KindColumn), QStringLiteral("full dump"), M::HelpRole));
        QCOMPARE(model.items().at(0).help, QStringLiteral("full dump"));
        QCOMPARE(model.data(model.index(0, M::TitleColumn), M::HelpRole).toString(),
                 QStringLiteral("full dump"));
    }

    // The four-eyes marks: manual rows only, following their row through inserts, moves and
    // removals, dropped when the row becomes a check, and read-only when the editor says so.
    void fourEyesMarksInTheModel()
    {
        ChecklistItemModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems(sample().items());
        QCOMPARE(model.headerData(M::DistinctSignerColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Four eyes"));
        model.setDistinctSigners(strings({"approval", "backup"}));
        QCOMPARE(model.distinctSigners(), strings({"approval"})); // a check has no signer
        const QModelIndex backup = model.index(0, M::DistinctSignerColumn);
        QVERIFY(!model.data(backup, Qt::CheckStateRole).isValid());
        QVERIFY(!(model.flags(backup) & Qt::ItemIsUserCheckable));
        QVERIFY(!model.setData(backup, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.data(model.index(1, M::DistinctSignerColumn), Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));

        QVERIFY(model.insertRows(1, 1));
        QCOMPARE(model.distinctSigners(), strings({"approval"}));
        const QModelIndex added = model.index(1, M::DistinctSignerColumn);
        QVERIFY(model.flags(added) & Qt::ItemIsUserCheckable);
        QVERIFY(model.setData(added, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.distinctSigners(), strings({"sign-off", "approval"}));
        QVERIFY(model.moveItemDown(1));
        QCOMPARE(model.distinctSigners(), strings({"approval", "sign-off"}));
        QVERIFY(model.setData(model.index(2, M::IdColumn), QStringLiteral("app-code")));
        QCOMPARE(model.distinctSigners(), strings({"approval", "app-code"}));
        QVERIFY(model.removeRows(1, 1));
        QCOMPARE(model.distinctSigners(), strings({"app-code"}));
        QVERIFY(model.setData(model.index(1, M::KindColumn), QStringLiteral("impact")));
        QVERIFY(model.distinctSigners().isEmpty());
        QVERIFY(model.setData(model.index(1, M::KindColumn), QStringLiteral("manual")));
        QVERIFY(model.distinctSigners().isEmpty()); // the mark does not come back by itself

        model.setDistinctSigners(strings({"app-code"}));
        model.setDistinctSignersEditable(false);
        const QModelIndex shown = model.index(1, M::DistinctSignerColumn);
        QCOMPARE(model.data(shown, Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(!(model.flags(shown) & Qt::ItemIsEnabled));
        QVERIFY(!model.setData(shown, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(model.distinctSigners(), strings({"app-code"}));
    }

    // Marked items are saved as one distinctSigners group the deploy reads; one mark alone is
    // refused, naming the item; several groups from a file are kept as they are.
    void fourEyesMarksAreSaved()
    {
        QTemporaryDir dir;
        QList<ChecklistItem> items = sample().items();
        items << makeItem("app-code", "Code tested", "", Phase::Prepare, "manual", true, true)
              << makeItem("smoke", "Smoke test", "", Phase::Verify, "manual", false, false);
        const Checklist twoManual(sample().name(), sample().description(), items);
        ChecklistEditorDialog dialog(twoManual, dir.path());
        dialog.show();
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("keptGroups"))->isHidden());
        ChecklistItemModel *model = dialog.model();
        QVERIFY(model->setData(model->index(3, M::DistinctSignerColumn),
                               Qt::Checked,
                               Qt::CheckStateRole));
        QVERIFY(dialog.isModified());
        QVERIFY(!dialog.save());
        QCOMPARE(dialog.errorText(),
                 QStringLiteral(
                     "Only \"Code tested\" is marked Four eyes: mark at least one more manual item "
                     "that a different person must sign off, or none."));
        QCOMPARE(dialog.view()->currentIndex().row(), 3);
        QVERIFY(!QFile::exists(dialog.targetPath()));

        QVERIFY(model->setData(model->index(1, M::DistinctSignerColumn),
                               Qt::Checked,
                               Qt::CheckStateRole));
        QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));
        QString error;
        const Checklist read = Checklist::fromFile(dialog.savedPath(), &error);
        QVERIFY2(read.isValid(), qPrintable(error));
        QCOMPARE(read.distinctSigners(), QList<QStringList>({strings({"approval", "app-code"})}));

        // Two groups cannot be one column: shown read-only, written back unchanged.
        const QList<QStringList> groups{strings({"approval", "app-code"}),
                                        strings({"approval", "smoke"})};
        QTemporaryDir other;
        ChecklistEditorDialog kept(Checklist(twoManual.name(),
                                             twoManual.description(),
                                             twoManual.items(),
                                             groups),
                                   other.path());
        kept.show();
        QVERIFY(!kept.isModified());
        QVERIFY(kept.findChild<QLabel *>(QStringLiteral("keptGroups"))->isVisible());
        QCOMPARE(kept.model()->distinctSigners(), strings({"approval", "app-code", "smoke"}));
        QVERIFY(!(kept.model()->flags(kept.model()->index(1, M::DistinctSignerColumn))
                  & Qt::ItemIsEnabled));
        QVERIFY(kept.model()->setData(kept.model()->index(1, M::TitleColumn),
                                      QStringLiteral("Change approved")));
        QVERIFY2(kept.save(), qPrintable(kept.errorText()));
        QCOMPARE(Checklist::fromFile(kept.savedPath(), &error).distinctSigners(), groups);
    }

    void comboDelegatesEditPhaseAndCheck()
    {
        QTemporaryDir dir;
        ChecklistEditorDialog dialog(sample(), dir.path());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto pick = [&](int row, int column, const QString &label) {
            const QModelIndex index = dialog.model()->index(row, column);
            dialog.view()->setCurrentIndex(index);
            dialog.view()->edit(index);
            auto *combo = qobject_cast<QComboBox *>(dialog.view()->indexWidget(index));
            QVERIFY(combo);
            const int choice = combo->findText(label);
            QVERIFY2(choice >= 0, qPrintable(label));
            combo->setCurrentIndex(choice);
            emit combo->activated(choice); // what a click on the entry sends
            QTRY_VERIFY(!dialog.view()->indexWidget(index));
        };
        pick(1, M::PhaseColumn, QStringLiteral("Execute"));
        QCOMPARE(dialog.model()->items().at(1).phase, Phase::Execute);
        pick(1, M::KindColumn, QStringLiteral("Rollback rehearsal"));
        QCOMPARE(dialog.model()->items().at(1).kind, QStringLiteral("rehearsal"));
    }

    void checkBoxesToggleWhereTheyAreDrawn()
    {
        QTemporaryDir dir;
        ChecklistEditorDialog dialog(sample(), dir.path());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTableView *view = dialog.view();
        const QRect cell = view->visualRect(dialog.model()->index(0, M::RequiredColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(!dialog.model()->items().at(0).required);
        // The left edge, where the stock delegate would draw the box, is not the box here.
        QTest::mouseClick(view->viewport(),
                          Qt::LeftButton,
                          {},
                          QPoint(cell.left() + 4, cell.center().y()));
        QVERIFY(!dialog.model()->items().at(0).required);
        view->setCurrentIndex(dialog.model()->index(0, M::BlockingColumn));
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(!dialog.model()->items().at(0).blocking);
        QVERIFY(dialog.model()->items().at(1).blocking);
    }

    void addRemoveAndMove()
    {
        QTemporaryDir dir;
        ChecklistEditorDialog dialog(sample(), dir.path());
        dialog.show();
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChecklistItemModel *model = dialog.model();
        QCOMPARE(menuKinds(dialog), strings({"pending", "lint-clean", "rehearsal", "impact"}));

        selectRow(dialog, 0);
        QVERIFY(!button(dialog, "moveUp")->isEnabled());
        button(dialog, "addManual")->click();
        QCOMPARE(ids(model->items()), strings({"backup", "sign-off", "approval", "verify"}));
        QCOMPARE(model->items().at(1).kind, QStringLiteral("manual"));
        QCOMPARE(dialog.view()->currentIndex().row(), 1);

        QAction *impact = nullptr;
        for (QAction *action : button(dialog, "addAutomated")->menu()->actions())
            impact = action->data().toString() == QLatin1String("impact") ? action : impact;
        QVERIFY(impact);
        QCOMPARE(impact->text(), QStringLiteral("Impact assessment"));
        impact->trigger();
        QCOMPARE(ids(model->items()),
                 strings({"backup", "sign-off", "impact", "approval", "verify"}));
        QCOMPARE(model->items().at(2).kind, QStringLiteral("impact"));
        QVERIFY(!model->items().at(2).title.isEmpty());
        QVERIFY(!menuKinds(dialog).contains(QStringLiteral("impact")));
        QCOMPARE(dialog.view()->currentIndex().row(), 2);

        button(dialog, "remove")->click();
        QCOMPARE(ids(model->items()), strings({"backup", "sign-off", "approval", "verify"}));
        QVERIFY(menuKinds(dialog).contains(QStringLiteral("impact")));

        selectRow(dialog, 0);
        button(dialog, "moveDown")->click();
        QCOMPARE(ids(model->items()), strings({"sign-off", "backup", "approval", "verify"}));
        QCOMPARE(dialog.view()->currentIndex().row(), 1); // the selection follows the item
        button(dialog, "moveUp")->click();
        QCOMPARE(ids(model->items()), strings({"backup", "sign-off", "approval", "verify"}));
        selectRow(dialog, 3);
        QVERIFY(!button(dialog, "moveDown")->isEnabled());
        QVERIFY(button(dialog, "moveUp")->isEnabled());

        // The help area follows the selection and writes back to the item.
        auto *help = dialog.findChild<QPlainTextEdit *>(QStringLiteral("help"));
        selectRow(dialog, 0);
        QCOMPARE(help->toPlainText(), QStringLiteral("pg_dump and restore"));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("helpTitle"))
                    ->text()
                    .contains(QStringLiteral("Backup verified")));
        help->setPlainText(QStringLiteral("pg_dump -Fc, restored and counted"));
        QCOMPARE(model->items().at(0).help, QStringLiteral("pg_dump -Fc, restored and counted"));
        selectRow(dialog, 2);
        QCOMPARE(help->toPlainText(), QString());

        // Every automated check present: nothing left to offer.
        for (const QString &kind : strings({"pending", "lint-clean", "rehearsal", "impact"}))
            dialog.addAutomatedItem(kind);
        QVERIFY(!button(dialog, "addAutomated")->isEnabled());
        while (model->rowCount() > 0)
            button(dialog, "remove")->click();
        QVERIFY(!button(dialog, "remove")->isEnabled());
        QVERIFY(!help->isEnabled());
    }

    void saveWritesWhatTheReaderReads()
    {
        QTemporaryDir dir;
        ChecklistEditorDialog dialog(sample(), dir.path());
        dialog.show();
        ChecklistItemModel *model = dialog.model();
        dialog.findChild<QLineEdit *>(QStringLiteral("name"))
            ->setText(QStringLiteral(" Release 42 "));
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("description"))
            ->setPlainText(QStringLiteral("For the parcels release.\n"));
        QVERIFY(model->setData(model->index(1, M::TitleColumn),
                               QStringLiteral("  Product owner approves  ")));
        QVERIFY(model->setData(model->index(1, M::PhaseColumn), QStringLiteral("execute")));
        QVERIFY(
            model->setData(model->index(1, M::BlockingColumn), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(
            model->setData(model->index(2, M::RequiredColumn), Qt::Unchecked, Qt::CheckStateRole));
        selectRow(dialog, 2);
        dialog.addAutomatedItem(QStringLiteral("impact"));
        // An id still being typed in the table when Save is pressed counts.
        const QModelIndex id = model->index(1, M::IdColumn);
        dialog.view()->setCurrentIndex(id);
        dialog.view()->edit(id);
        auto *editor = qobject_cast<QLineEdit *>(dialog.view()->indexWidget(id));
        QVERIFY(editor);
        editor->setText(QStringLiteral("po-approval"));

        dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
            ->button(QDialogButtonBox::Save)
            ->click();
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QString path = QDir(dir.path()).filePath(QStringLiteral("slipway-checklist.json"));
        QCOMPARE(dialog.savedPath(), path);

        QString error;
        const Checklist read = Checklist::fromFile(path, &error);
        QVERIFY2(read.isValid(), qPrintable(error));
        QCOMPARE(read.name(), QStringLiteral("Release 42"));
        QCOMPARE(read.description(), QStringLiteral("For the parcels release."));
        QCOMPARE(ids(read.items()), strings({"backup", "po-approval", "verify", "impact"}));
        QStringList titles;
        QStringList kinds;
        QList<Phase> phases;
        QList<bool> required;
        QList<bool> blocking;
        for (const ChecklistItem &item : read.items()) {
            titles << item.title;
            kinds << item.kind;
            phases << item.phase;
            required << item.required;
            blocking << item.blocking;
        }
        QCOMPARE(titles,
                 strings({"Backup verified",
                          "Product owner approves",
                          "Verified",
                          "Performance impact assessed"}));
        QCOMPARE(kinds, strings({"backup", "manual", "verify", "impact"}));
        QCOMPARE(phases,
                 QList<Phase>({Phase::Prepare, Phase::Execute, Phase::Verify, Phase::Prepare}));
        QCOMPARE(required, QList<bool>({true, true, false, true}));
        QCOMPARE(blocking, QList<bool>({true, false, false, false}));
        QCOMPARE(read.items().at(0).help, QStringLiteral("pg_dump and restore"));
        QCOMPARE(read.items().at(1).help, QString());
        // The folder now uses it instead of the template.
        QCOMPARE(Checklist::forFolder(dir.path(), QStringLiteral("pre-migration"), &error).name(),
                 QStringLiteral("Release 42"));
        // And the dialog's own view of it is what was written.
        compareChecklists(dialog.checklist(), read);
        QVERIFY(!QTest::currentTestFailed());
    }

    void cancelWritesNothing()
    {
        QTemporaryDir dir;
        ChecklistEditorDialog dialog(sample(), dir.path());
        dialog.show();
        dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
            ->button(QDialogButtonBox::Cancel)
            ->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.savedPath().isEmpty());
        QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    }

    void refusedListsLeaveTheFileAlone_data()
    {
        // row >= 0: set that cell; row -1: the name field; row -2: remove every item.
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("badRow");
        QTest::newRow("duplicate id")
            << 2 << int(M::IdColumn) << QStringLiteral("backup")
            << QStringLiteral(
                   "Items 1 \"Backup verified\" and 3 \"Verified\" both have the id \"backup\"")
            << 2;
        QTest::newRow("empty title")
            << 1 << int(M::TitleColumn) << QStringLiteral("   ")
            << QStringLiteral("Item 2 (id \"approval\") has no title.") << 1;
        QTest::newRow("empty id") << 1 << int(M::IdColumn) << QString()
                                  << QStringLiteral("Item 2 \"Team approval\" has no id.") << 1;
        QTest::newRow("no name") << -1 << 0 << QStringLiteral("  ")
                                 << QStringLiteral("Give the checklist a name.") << -1;
        QTest::newRow("no items") << -2 << 0 << QString() << QStringLiteral("Add at least one item")
                                  << -1;
    }

    void refusedListsLeaveTheFileAlone()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QFETCH(int, badRow);
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(QStringLiteral("slipway-checklist.json"));
        const QByteArray before = "{\"name\": \"Existing\",\n\t\"items\": [{\"id\": \"x\", "
                                  "\"title\": \"X\", \"kind\": \"manual\"}]}\n";
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(before);
        }
        ChecklistEditorDialog dialog(sample(), dir.path());
        dialog.show();
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
        QVERIFY(error->isHidden());
        if (row >= 0) {
            QVERIFY(dialog.model()->setData(dialog.model()->index(row, column), value));
        } else if (row == -1) {
            dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(value);
        } else {
            QVERIFY(dialog.model()->removeRows(0, dialog.model()->rowCount()));
        }
        selectRow(dialog, 0);

        QVERIFY(!dialog.save());
        QVERIFY2(dialog.errorText().contains(expected), qPrintable(dialog.errorText()));
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), dialog.errorText());
        QVERIFY(dialog.isVisible()); // not accepted
        QVERIFY(dialog.savedPath().isEmpty());
        if (badRow >= 0)
            QCOMPARE(dialog.view()->currentIndex().row(), badRow);
        QCOMPARE(readAll(path), before);
        if (qstrcmp(QTest::currentDataTag(), "duplicate id") == 0)
            QVERIFY(GuiTest::saveShot(dialog, QStringLiteral("checklist-editor-refused.png")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 strings({"slipway-checklist.json"}));

        // The next edit clears the stale message.
        if (row >= 0) {
            QVERIFY(dialog.model()->setData(dialog.model()->index(0, M::TitleColumn),
                                            QStringLiteral("Backup")));
            QVERIFY(error->isHidden());
        }
    }

    void templatesSaveUnchanged_data()
    {
        QTest::addColumn<QString>("id");
        for (const QString &id : Checklist::templateIds())
            QTest::newRow(qPrintable(id)) << id;
    }

    void templatesSaveUnchanged()
    {
        QFETCH(QString, id);
        QString error;
        const Checklist original = Checklist::fromTemplate(id, &error);
        QVERIFY2(original.isValid(), qPrintable(error));
        QTemporaryDir dir;
        ChecklistEditorDialog dialog(original, dir.path());
        QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));
        const Checklist read = Checklist::fromFile(dialog.savedPath(), &error);
        QVERIFY2(read.isValid(), qPrintable(error));
        compareChecklists(read, original);
        QVERIFY(!QTest::currentTestFailed());
    }

    void screenshot()
    {
        QString error;
        QTemporaryDir dir;
        const QString folder = dir.filePath(
            QStringLiteral("parcels/migrations")); // reads better in the picture
        QVERIFY(QDir().mkpath(folder));
        ChecklistEditorDialog dialog(Checklist::fromTemplate(QStringLiteral("pre-migration"),
                                                             &error),
                                     folder);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        selectRow(dialog, 2);
        // Nothing clipped: every column at least as wide as its contents and its header, once
        // the layout that follows the selection has run.
        // (QTableView makes sizeHintForColumn protected; QAbstractItemView has it public.)
        const QAbstractItemView *view = dialog.view();
        const QHeaderView *header = dialog.view()->horizontalHeader();
        auto firstClipped = [&]() -> QString {
            for (int column = 0; column < M::ColumnCount; ++column) {
                const int needed = std::max(view->sizeHintForColumn(column),
                                            header->sectionSizeHint(column));
                if (header->sectionSize(column) < needed)
                    return QStringLiteral("column %1: %2 < %3")
                        .arg(column)
                        .arg(header->sectionSize(column))
                        .arg(needed);
            }
            return {};
        };
        QTRY_VERIFY2(firstClipped().isEmpty(), qPrintable(firstClipped()));
        QVERIFY(GuiTest::saveShot(dialog, QStringLiteral("checklist-editor.png")));
    }
};

QTEST_MAIN(TestChecklistEditor)
#include "tst_checklisteditor.moc"
