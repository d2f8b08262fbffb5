#include "checklisteditordialog.h"

#include "semanticcolors.h"

#include "documentcloser.h"

#include "deploy/checklistitemmodel.h"

#include <QApplication>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace {

// Plain cells with some air: ResizeToContents otherwise fits the text to the pixel.
class PaddedDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(12, 0);
    }
};

// Required / Blocking / Four eyes: the check box centred under its header (the style puts a lone
// indicator at the left edge), toggled by a click on it or by Space like the stock one.
class CenteredCheckDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        if (!index.data(Qt::CheckStateRole).isValid()) { // a row without this box
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        const QRect indicator = checkRect(opt);
        // Background, selection and focus frame first, then the indicator where we want it.
        opt.features &= ~QStyleOptionViewItem::HasCheckIndicator;
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, option.widget);
        opt.rect = indicator;
        opt.state &= ~QStyle::State_HasFocus;
        opt.state |= opt.checkState == Qt::Checked ? QStyle::State_On : QStyle::State_Off;
        style->drawPrimitive(QStyle::PE_IndicatorItemViewItemCheck, &opt, painter, option.widget);
    }

    bool editorEvent(QEvent *event,
                     QAbstractItemModel *model,
                     const QStyleOptionViewItem &option,
                     const QModelIndex &index) override
    {
        if (!(index.flags() & Qt::ItemIsUserCheckable) || !(index.flags() & Qt::ItemIsEnabled))
            return false;
        if (event->type() == QEvent::MouseButtonRelease
            || event->type() == QEvent::MouseButtonDblClick) {
            auto *mouse = static_cast<QMouseEvent *>(event);
            QStyleOptionViewItem opt = option;
            initStyleOption(&opt, index);
            if (mouse->button() != Qt::LeftButton
                || !checkRect(opt).contains(mouse->position().toPoint()))
                return false;
            if (event->type() == QEvent::MouseButtonDblClick)
                return true; // swallowed: its release already toggled
        } else if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key != Qt::Key_Space && key != Qt::Key_Select)
                return false;
        } else {
            return false;
        }
        const bool checked = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
        return model->setData(index, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    }

private:
    static QRect checkRect(const QStyleOptionViewItem &option)
    {
        const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        const QSize size = style
                               ->subElementRect(QStyle::SE_ItemViewItemCheckIndicator,
                                                &option,
                                                option.widget)
                               .size();
        return QStyle::alignedRect(option.direction, Qt::AlignCenter, size, option.rect);
    }
};

// A combo box over fixed choices: shows the label, stores the value through EditRole.
class ChoiceDelegate : public QStyledItemDelegate
{
public:
    ChoiceDelegate(QList<std::pair<QString, QString>> choices, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_choices(std::move(choices))
    {}

    QWidget *createEditor(QWidget *parent,
                          const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        for (const auto &[label, value] : m_choices)
            combo->addItem(label, value);
        // One pick is the whole edit: commit at once instead of when focus happens to leave.
        auto *self = const_cast<ChoiceDelegate *>(this);
        connect(combo, &QComboBox::activated, self, [self, combo] {
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }

    // Wide enough for the longest choice in a combo box: neither the cell nor the open editor
    // clips, and the column does not jump when the value changes.
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        int text = 0;
        for (const auto &choice : m_choices)
            text = std::max(text, option.fontMetrics.horizontalAdvance(choice.first));
        const QWidget *widget = option.widget;
        const QStyle *style = widget ? widget->style() : QApplication::style();
        QStyleOptionComboBox combo;
        if (widget)
            combo.initFrom(widget);
        combo.fontMetrics = option.fontMetrics;
        const QSize comboSize = style->sizeFromContents(QStyle::CT_ComboBox,
                                                        &combo,
                                                        QSize(text, option.fontMetrics.height()),
                                                        widget);
        size.setWidth(std::max(size.width(), comboSize.width()));
        return size;
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole)));
    }

    void setModelData(QWidget *editor,
                      QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentData(), Qt::EditRole);
    }

private:
    QList<std::pair<QString, QString>> m_choices;
};

// A plain text edit sized to a number of text lines rather than to the layout's whim.
void setLineHeight(QPlainTextEdit *edit, int lines)
{
    const int margins = 2 * (edit->frameWidth() + int(edit->document()->documentMargin()));
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + margins);
}

} // namespace

ChecklistEditorDialog::ChecklistEditorDialog(const Checklist &checklist,
                                             const QString &folder,
                                             QWidget *parent)
    : QDialog(parent)
    , m_folder(folder)
{
    setObjectName(QStringLiteral("checklistEditorDialog"));
    setWindowTitle(tr("Edit checklist"));

    m_model = new ChecklistItemModel(this);
    m_model->setItems(checklist.items());
    const QList<QStringList> groups = checklist.distinctSigners();
    if (groups.size() > 1) {
        // One column can say "one of these", not which group: merging them would ask for more
        // people than the file does, so they are kept and only shown.
        m_keptGroups = groups;
        QStringList all;
        for (const QStringList &group : groups)
            all << group;
        m_model->setDistinctSigners(all);
        m_model->setDistinctSignersEditable(false);
    } else {
        m_model->setDistinctSigners(groups.value(0));
    }

    m_name = new QLineEdit(checklist.name());
    m_name->setObjectName(QStringLiteral("name"));
    m_description = new QPlainTextEdit(checklist.description());
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(tr("What this checklist is for; shown when a deploy starts"));
    setLineHeight(m_description, 3);

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("items"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked
                            | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ChecklistItemModel::TitleColumn, QHeaderView::Stretch);
    QList<std::pair<QString, QString>> phases;
    for (auto phase : {ChecklistItem::Phase::Prepare,
                       ChecklistItem::Phase::Execute,
                       ChecklistItem::Phase::Verify})
        phases.append({ChecklistItemModel::phaseLabel(phase), ChecklistItem::phaseName(phase)});
    QList<std::pair<QString, QString>> kinds{
        {ChecklistItemModel::kindLabel(QStringLiteral("manual")), QStringLiteral("manual")}};
    for (const QString &kind : Checklist::automatedKinds())
        kinds.append({ChecklistItemModel::kindLabel(kind), kind});
    m_view->setItemDelegate(new PaddedDelegate(m_view));
    m_view->setItemDelegateForColumn(ChecklistItemModel::PhaseColumn,
                                     new ChoiceDelegate(phases, m_view));
    m_view->setItemDelegateForColumn(ChecklistItemModel::KindColumn,
                                     new ChoiceDelegate(kinds, m_view));

    // The check boxes only need their header's width, and a fixed one keeps them still.
    for (int column : {ChecklistItemModel::RequiredColumn,
                       ChecklistItemModel::BlockingColumn,
                       ChecklistItemModel::DistinctSignerColumn}) {
        m_view->setItemDelegateForColumn(column, new CenteredCheckDelegate(m_view));
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, header->sectionSizeHint(column) + 16);
    }

    m_addManual = new QPushButton(tr("Add manual item"));
    m_addManual->setObjectName(QStringLiteral("addManual"));
    m_addManual->setToolTip(tr("A box someone signs with their name during the deploy"));
    m_addAutomated = new QPushButton(tr("Add automated check"));
    m_addAutomated->setObjectName(QStringLiteral("addAutomated"));
    m_automatedMenu = new QMenu(m_addAutomated);
    m_automatedMenu->setObjectName(QStringLiteral("automatedMenu"));
    m_automatedMenu->setToolTipsVisible(true);
    m_addAutomated->setMenu(m_automatedMenu);
    m_remove = new QPushButton(tr("Remove"));
    m_remove->setObjectName(QStringLiteral("remove"));
    m_moveUp = new QPushButton(tr("Move up"));
    m_moveUp->setObjectName(QStringLiteral("moveUp"));
    m_moveDown = new QPushButton(tr("Move down"));
    m_moveDown->setObjectName(QStringLiteral("moveDown"));
    auto *buttonColumn = new QVBoxLayout;
    for (QPushButton *button : {m_addManual, m_addAutomated, m_remove, m_moveUp, m_moveDown})
        buttonColumn->addWidget(button);
    buttonColumn->insertSpacing(2, 12);
    buttonColumn->addStretch();
    auto *itemsRow = new QHBoxLayout;
    itemsRow->addWidget(m_view, 1);
    itemsRow->addLayout(buttonColumn);

    m_helpTitle = new QLabel;
    m_helpTitle->setObjectName(QStringLiteral("helpTitle"));
    m_helpTitle->setTextFormat(Qt::PlainText);
    m_help = new QPlainTextEdit;
    m_help->setObjectName(QStringLiteral("help"));
    m_help->setTabChangesFocus(true);
    m_help->setPlaceholderText(
        tr("What to check and where the evidence is; the deploy wizard and the "
           "report show it with the item"));
    setLineHeight(m_help, 4);

    const bool replaces = QFile::exists(targetPath());
    auto *target = new QLabel(
        (replaces ? tr("Saves to %1, replacing the folder's checklist.")
                  : tr("Saves to %1; the folder then uses it instead of the template."))
            .arg(QDir::toNativeSeparators(targetPath())));
    target->setObjectName(QStringLiteral("target"));
    target->setTextFormat(Qt::PlainText);
    target->setWordWrap(true);
    target->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *keptGroups = new QLabel(
        tr("This checklist has %n groups of items that different people must sign off; they are "
           "kept as they are. Edit distinctSigners in %1 to change them.",
           nullptr,
           int(m_keptGroups.size()))
            .arg(Checklist::folderFileName()));
    keptGroups->setObjectName(QStringLiteral("keptGroups"));
    keptGroups->setTextFormat(Qt::PlainText);
    keptGroups->setWordWrap(true);
    keptGroups->setVisible(!m_keptGroups.isEmpty());

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText,
                          SemanticColors::color(SemanticColors::Role::Error, errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->setObjectName(QStringLiteral("buttons"));

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(itemsRow, 1);
    layout->addWidget(m_helpTitle);
    layout->addWidget(m_help);
    layout->addWidget(keptGroups);
    layout->addWidget(target);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ChecklistEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_addManual, &QPushButton::clicked, this, &ChecklistEditorDialog::addManualItem);
    connect(m_remove, &QPushButton::clicked, this, &ChecklistEditorDialog::removeCurrentItem);
    connect(m_moveUp, &QPushButton::clicked, this, &ChecklistEditorDialog::moveCurrentUp);
    connect(m_moveDown, &QPushButton::clicked, this, &ChecklistEditorDialog::moveCurrentDown);
    connect(m_help, &QPlainTextEdit::textChanged, this, &ChecklistEditorDialog::storeHelp);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showCurrentHelp();
        updateButtons();
    });
    // Any edit may have fixed what the last refusal complained about; a stale message misleads.
    auto edited = [this] {
        showError({});
        updateButtons();
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, edited);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, edited);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, edited);
    connect(m_model, &QAbstractItemModel::modelReset, this, edited);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this, edited] {
        edited();
        showCurrentHelp();
    });
    connect(m_name, &QLineEdit::textChanged, this, [this] { showError({}); });

    resize(1120, 640);
    if (m_model->rowCount() > 0)
        selectRow(0);
    showCurrentHelp();
    updateButtons();
    m_savedJson = this->checklist().toJson(); // as opened: nothing to save yet
}

QString ChecklistEditorDialog::targetPath() const
{
    return QDir(m_folder).filePath(Checklist::folderFileName());
}

QString ChecklistEditorDialog::errorText() const
{
    return m_error->text();
}

Checklist ChecklistEditorDialog::checklist() const
{
    QList<ChecklistItem> items = m_model->items();
    for (ChecklistItem &item : items) {
        item.id = item.id.trimmed();
        item.title = item.title.trimmed();
        item.help = item.help.trimmed();
    }
    QList<QStringList> groups = m_keptGroups;
    if (groups.isEmpty()) {
        QStringList marked = m_model->distinctSigners();
        for (QString &id : marked)
            id = id.trimmed();
        if (!marked.isEmpty())
            groups << marked;
    }
    return Checklist(m_name->text().trimmed(),
                     m_description->toPlainText().trimmed(),
                     items,
                     groups);
}

QString ChecklistEditorDialog::problem(const Checklist &checklist, int *row)
{
    if (row)
        *row = -1;
    if (checklist.name().trimmed().isEmpty())
        return tr("Give the checklist a name.");
    if (checklist.items().isEmpty())
        return tr("Add at least one item: a checklist without items cannot be saved.");
    QHash<QString, int> firstUse;
    for (int i = 0; i < checklist.items().size(); ++i) {
        const ChecklistItem &item = checklist.items().at(i);
        const QString number = QString::number(i + 1);
        QString message;
        if (item.title.trimmed().isEmpty()) {
            message = item.id.trimmed().isEmpty()
                          ? tr("Item %1 has no title and no id.").arg(number)
                          : tr("Item %1 (id \"%2\") has no title.").arg(number, item.id);
        } else if (item.id.trimmed().isEmpty()) {
            message = tr("Item %1 \"%2\" has no id.").arg(number, item.title);
        } else if (firstUse.contains(item.id)) {
            const int first = firstUse.value(item.id);
            message = tr("Items %1 \"%2\" and %3 \"%4\" both have the id \"%5\"; each item needs "
                         "its own id.")
                          .arg(QString::number(first + 1),
                               checklist.items().at(first).title,
                               number,
                               item.title,
                               item.id);
        }
        if (!message.isEmpty()) {
            if (row)
                *row = i;
            return message;
        }
        firstUse.insert(item.id, i);
    }
    // Alone, a four-eyes mark would compare the signer with nobody.
    for (const QStringList &group : checklist.distinctSigners()) {
        if (group.size() != 1)
            continue;
        const int marked = firstUse.value(group.first(), -1);
        if (row)
            *row = marked;
        return tr("Only \"%1\" is marked Four eyes: mark at least one more manual item that a "
                  "different person must sign off, or none.")
            .arg(marked >= 0 ? checklist.items().at(marked).title : group.first());
    }
    return {};
}

bool ChecklistEditorDialog::save()
{
    QString message;
    if (!writeChecklist(&message))
        return false;
    accept();
    return true;
}

bool ChecklistEditorDialog::writeChecklist(QString *message)
{
    // An editor still open in the table holds the user's last keystrokes; take them first.
    const QModelIndex current = m_view->currentIndex();
    if (QWidget *editor = current.isValid() ? m_view->indexWidget(current) : nullptr)
        m_view->itemDelegateForIndex(current)->setModelData(editor, m_model, current);

    const Checklist edited = checklist();
    int row = -1;
    *message = problem(edited, &row);
    const QByteArray json = edited.toJson();
    if (message->isEmpty()) {
        // The deploy wizard reads the file with fromJson: whatever it would refuse is refused here.
        QString error;
        if (!Checklist::fromJson(json, Checklist::folderFileName(), &error).isValid())
            *message = tr("The checklist would not read back: %1").arg(error);
    }
    if (!message->isEmpty()) {
        showError(*message);
        if (row >= 0)
            selectRow(row);
        return false;
    }
    // QSaveFile: a failed write leaves the folder's previous checklist whole.
    QSaveFile file(targetPath());
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        *message = tr("Cannot write %1: %2")
                       .arg(QDir::toNativeSeparators(targetPath()), file.errorString());
        showError(*message);
        return false;
    }
    m_savedPath = targetPath();
    m_savedJson = json;
    showError({});
    return true;
}

bool ChecklistEditorDialog::isModified() const
{
    return checklist().toJson() != m_savedJson;
}

QString ChecklistEditorDialog::documentName() const
{
    return tr("Checklist %1").arg(checklist().name());
}

bool ChecklistEditorDialog::saveDocument(const QString &path, QString *error)
{
    Q_UNUSED(path) // always the folder's own slipway-checklist.json
    return writeChecklist(error);
}

void ChecklistEditorDialog::reject()
{
    // Cancel, Escape and the title bar's close all come here: edits are never dropped unasked.
    if (isModified() && !DocumentCloser::queryClose(this, this))
        return;
    if (isModified())
        QDialog::reject(); // discarded
    else if (!m_savedPath.isEmpty())
        accept(); // saved from the prompt
    else
        QDialog::reject();
}

void ChecklistEditorDialog::addManualItem()
{
    const int row = m_model->insertItem(currentRow() >= 0 ? currentRow() + 1 : m_model->rowCount(),
                                        m_model->newManualItem());
    selectRow(row);
    // The generated title is a placeholder: let the user type the real one straight away.
    m_view->edit(m_model->index(row, ChecklistItemModel::TitleColumn));
}

void ChecklistEditorDialog::addAutomatedItem(const QString &kind)
{
    if (!Checklist::automatedKinds().contains(kind))
        return;
    const int row = m_model->insertItem(currentRow() >= 0 ? currentRow() + 1 : m_model->rowCount(),
                                        m_model->newAutomatedItem(kind));
    selectRow(row);
}

void ChecklistEditorDialog::removeCurrentItem()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_model->removeItem(row);
    if (m_model->rowCount() > 0)
        selectRow(std::min(row, m_model->rowCount() - 1));
}

void ChecklistEditorDialog::moveCurrentUp()
{
    const int row = currentRow();
    if (m_model->moveItemUp(row))
        selectRow(row - 1);
}

void ChecklistEditorDialog::moveCurrentDown()
{
    const int row = currentRow();
    if (m_model->moveItemDown(row))
        selectRow(row + 1);
}

int ChecklistEditorDialog::currentRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ChecklistEditorDialog::selectRow(int row)
{
    const QModelIndex index = m_model->index(row, ChecklistItemModel::TitleColumn);
    m_view->selectionModel()->setCurrentIndex(index,
                                              QItemSelectionModel::ClearAndSelect
                                                  | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void ChecklistEditorDialog::updateButtons()
{
    const int row = currentRow();
    m_remove->setEnabled(row >= 0);
    m_moveUp->setEnabled(row > 0);
    m_moveDown->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
    fillAutomatedMenu();
}

void ChecklistEditorDialog::fillAutomatedMenu()
{
    // A checklist runs each automated check once; offer only the ones it does not have yet.
    m_automatedMenu->clear();
    const QStringList unused = m_model->unusedAutomatedKinds();
    for (const QString &kind : unused) {
        QAction *action = m_automatedMenu->addAction(ChecklistItemModel::kindLabel(kind));
        action->setData(kind);
        action->setToolTip(m_model->newAutomatedItem(kind).help);
        connect(action, &QAction::triggered, this, [this, kind] { addAutomatedItem(kind); });
    }
    m_addAutomated->setEnabled(!unused.isEmpty());
    m_addAutomated->setToolTip(unused.isEmpty()
                                   ? tr("The checklist already has every automated check")
                                   : tr("A check Slipway runs itself and records as evidence"));
}

void ChecklistEditorDialog::showCurrentHelp()
{
    const int row = currentRow();
    m_help->setEnabled(row >= 0);
    const ChecklistItem item = m_model->item(row);
    if (row < 0)
        m_helpTitle->setText(tr("Select an item to edit its help text."));
    else
        m_helpTitle->setText(
            tr("Help for \"%1\":").arg(item.title.isEmpty() ? item.id : item.title));
    // Only replace the text when it differs: resetting it while the user types moves the cursor.
    if (m_help->toPlainText() != item.help) {
        m_showingHelp = true;
        m_help->setPlainText(item.help);
        m_showingHelp = false;
    }
}

void ChecklistEditorDialog::storeHelp()
{
    const int row = currentRow();
    if (m_showingHelp || row < 0)
        return;
    m_model->setData(m_model->index(row, ChecklistItemModel::TitleColumn),
                     m_help->toPlainText(),
                     ChecklistItemModel::HelpRole);
}

void ChecklistEditorDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}
