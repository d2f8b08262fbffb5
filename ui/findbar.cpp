#include "findbar.h"

#include "codeeditor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

FindBar::FindBar(CodeEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
{
    setObjectName(QStringLiteral("findBar"));
    setAutoFillBackground(true);
    setStyleSheet(
        QStringLiteral("#findBar { border: 1px solid palette(mid); border-radius: 4px; }"));

    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("findText"));
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace = new QLineEdit(this);
    m_replace->setObjectName(QStringLiteral("replaceText"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_caseSensitive = new QCheckBox(tr("Aa"), this);
    m_caseSensitive->setToolTip(tr("Match case"));
    m_status = new QLabel(this);
    m_status->setMinimumWidth(
        m_status->fontMetrics().horizontalAdvance(QStringLiteral("999 of 999")));

    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter, F3)"));
    auto *closeButton = new QToolButton(this);
    closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeButton->setToolTip(tr("Close (Esc)"));
    closeButton->setAutoRaise(true);
    auto *replaceOne = new QPushButton(tr("Replace"), this);
    replaceOne->setObjectName(QStringLiteral("replaceOne"));
    auto *replaceAllButton = new QPushButton(tr("All"), this);
    replaceAllButton->setObjectName(QStringLiteral("replaceAll"));
    replaceAllButton->setToolTip(tr("Replace every match"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->setHorizontalSpacing(4);
    layout->setVerticalSpacing(4);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(m_caseSensitive, 0, 1);
    layout->addWidget(m_status, 0, 2);
    layout->addWidget(previous, 0, 3);
    layout->addWidget(next, 0, 4);
    layout->addWidget(closeButton, 0, 5);
    m_replaceRow = new QWidget(this);
    auto *replaceLayout = new QHBoxLayout(m_replaceRow);
    replaceLayout->setContentsMargins(0, 0, 0, 0);
    replaceLayout->setSpacing(4);
    replaceLayout->addWidget(replaceOne);
    replaceLayout->addWidget(replaceAllButton);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(m_replaceRow, 1, 1, 1, 5, Qt::AlignLeft);

    connect(m_find, &QLineEdit::textChanged, this, [this] {
        find(true, true);
        highlightMatches();
    });
    connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindBar::replaceCurrent);
    connect(m_caseSensitive, &QCheckBox::toggled, this, &FindBar::highlightMatches);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(closeButton, &QToolButton::clicked, this, &FindBar::close);
    connect(replaceOne, &QPushButton::clicked, this, &FindBar::replaceCurrent);
    connect(replaceAllButton, &QPushButton::clicked, this, &FindBar::replaceAll);
}

void FindBar::open(bool replace)
{
    m_replace->setVisible(replace);
    m_replaceRow->setVisible(replace);
    if (m_editor->hasSelection() && !m_editor->selectedText().contains(QLatin1Char('\n')))
        m_find->setText(m_editor->selectedText());
    show();
    raise();
    reposition();
    m_find->setFocus();
    m_find->selectAll();
    highlightMatches();
}

void FindBar::reposition()
{
    adjustSize();
    const int width = qMin(qMax(sizeHint().width(), 360), m_editor->viewport()->width() - 8);
    resize(width, sizeHint().height());
    move(m_editor->viewport()->geometry().right() - width - 12,
         m_editor->viewport()->geometry().top() + 4);
}

bool FindBar::find(bool forward, bool fromSelectionStart)
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return false;
    int line = -1;
    int index = -1;
    if (m_editor->hasSelection()) {
        int lineFrom, indexFrom, lineTo, indexTo;
        m_editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        // Typing refines the current match; Enter moves past it.
        if (forward == fromSelectionStart) {
            line = lineFrom;
            index = indexFrom;
        } else {
            line = forward ? lineTo : lineFrom;
            index = forward ? indexTo : indexFrom;
        }
    }
    const bool found = m_editor->findFirst(text,
                                           false,
                                           m_caseSensitive->isChecked(),
                                           false,
                                           true,
                                           forward,
                                           line,
                                           index,
                                           true);
    QPalette palette = m_find->palette();
    palette.setColor(QPalette::Base,
                     found || text.isEmpty() ? QPalette().color(QPalette::Base)
                                             : QColor(0xfd, 0xe2, 0xe1));
    m_find->setPalette(palette);
    return found;
}

bool FindBar::findNext()
{
    return find(true, false);
}

bool FindBar::findPrevious()
{
    return find(false, false);
}

bool FindBar::replaceCurrent()
{
    if (!m_editor->hasSelection()
        || m_editor->selectedText().compare(m_find->text(),
                                            m_caseSensitive->isChecked() ? Qt::CaseSensitive
                                                                         : Qt::CaseInsensitive)
               != 0) {
        return findNext();
    }
    m_editor->replaceSelectedText(m_replace->text());
    highlightMatches();
    return findNext();
}

int FindBar::replaceAll()
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return 0;
    const Qt::CaseSensitivity cs = m_caseSensitive->isChecked() ? Qt::CaseSensitive
                                                                : Qt::CaseInsensitive;
    QString text = m_editor->text();
    const int count = int(text.count(needle, cs));
    if (count == 0)
        return 0;
    text.replace(needle, m_replace->text(), cs);
    // One undo step, and the view stays where it was.
    const int firstLine = m_editor->firstVisibleLine();
    m_editor->beginUndoAction();
    m_editor->selectAll();
    m_editor->replaceSelectedText(text);
    m_editor->endUndoAction();
    m_editor->setFirstVisibleLine(firstLine);
    highlightMatches();
    m_status->setText(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::highlightMatches()
{
    m_editor->clearIndicator(CodeEditor::FindIndicator);
    m_matches = 0;
    const QString needle = m_find->text();
    if (needle.isEmpty() || !isVisible()) {
        m_status->clear();
        return;
    }
    const QString text = m_editor->text();
    const Qt::CaseSensitivity cs = m_caseSensitive->isChecked() ? Qt::CaseSensitive
                                                                : Qt::CaseInsensitive;
    for (qsizetype at = text.indexOf(needle, 0, cs); at >= 0;
         at = text.indexOf(needle, at + needle.size(), cs)) {
        m_editor->fillIndicator(CodeEditor::FindIndicator, int(at), int(needle.size()));
        ++m_matches;
    }
    m_status->setText(m_matches ? tr("%n match(es)", nullptr, m_matches) : tr("No match"));
}

void FindBar::close()
{
    m_editor->clearIndicator(CodeEditor::FindIndicator);
    hide();
    m_editor->setFocus();
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && (event->modifiers() & Qt::ShiftModifier)) {
        findPrevious();
        return;
    }
    QWidget::keyPressEvent(event);
}
