#include "codeeditor.h"

#include "findbar.h"

#include <QAction>
#include <QFontDatabase>
#include <QInputDialog>
#include <QKeyEvent>
#include <QPainter>
#include <QPixmap>
#include <QToolTip>

namespace {
// Margin numbers (not to be confused with QsciScintilla's MarginType values).
constexpr int LineNumbersMargin = 0;
constexpr int MarkersMargin = 1;
constexpr int FoldingMargin = 2;

// A round marker in the margin, drawn rather than taken from a theme so it looks the same
// everywhere (and offscreen).
QPixmap dot(const QColor &colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return pixmap;
}
} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setEolMode(EolUnix);

    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(qMax(font.pointSize(), 10));
    setFont(font);

    setMarginType(LineNumbersMargin, NumberMargin);
    setMarginLineNumbers(LineNumbersMargin, true);
    setMarginsFont(font);
    setMarginsBackgroundColor(QColor(0xf6, 0xf7, 0xf9));
    setMarginsForegroundColor(QColor(0x9a, 0xa0, 0xa6));
    setMarginWidth(FoldingMargin, 0);
    updateLineNumberWidth();
    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::updateLineNumberWidth);

    setCaretLineVisible(true);
    setCaretLineBackgroundColor(QColor(0xee, 0xf3, 0xfb));
    setCaretWidth(2);
    setBraceMatching(SloppyBraceMatch);
    setMatchedBraceBackgroundColor(QColor(0xcf, 0xe3, 0xff));
    setMatchedBraceForegroundColor(QColor(0x00, 0x33, 0xb3));
    setUnmatchedBraceForegroundColor(QColor(0xd3, 0x2f, 0x2f));

    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(4);
    setTabWidth(4);
    setBackspaceUnindents(true);
    setWrapMode(WrapNone);
    // Grow the horizontal scroll range with the longest line seen instead of a fixed 2000 px.
    SendScintilla(SCI_SETSCROLLWIDTH, 1UL);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1UL);

    setUpIndicators();
    setUpMarkers();
    setUpActions();
    SendScintilla(SCI_SETMOUSEDWELLTIME, 500UL);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &CodeEditor::showIndicatorToolTip);
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [](int, int, int) {
        QToolTip::hideText();
    });
}

void CodeEditor::setUpIndicators()
{
    indicatorDefine(SquiggleIndicator, ErrorIndicator);
    setIndicatorForegroundColor(QColor(0xe0, 0x1b, 0x24), ErrorIndicator);
    indicatorDefine(SquiggleIndicator, WarningIndicator);
    setIndicatorForegroundColor(QColor(0xd0, 0x8a, 0x00), WarningIndicator);
    indicatorDefine(DotsIndicator, InfoIndicator);
    setIndicatorForegroundColor(QColor(0x35, 0x84, 0xe4), InfoIndicator);
    indicatorDefine(FullBoxIndicator, FindIndicator);
    setIndicatorForegroundColor(QColor(0xff, 0xd5, 0x4f, 110), FindIndicator);
    indicatorDefine(SquiggleIndicator, ProblemErrorIndicator);
    setIndicatorForegroundColor(QColor(0xe0, 0x1b, 0x24), ProblemErrorIndicator);
    indicatorDefine(SquiggleIndicator, ProblemWarningIndicator);
    setIndicatorForegroundColor(QColor(0xd0, 0x8a, 0x00), ProblemWarningIndicator);
    for (int indicator : {ErrorIndicator,
                          WarningIndicator,
                          InfoIndicator,
                          FindIndicator,
                          ProblemErrorIndicator,
                          ProblemWarningIndicator})
        SendScintilla(SCI_INDICSETUNDER, static_cast<unsigned long>(indicator), 1L);
}

QAction *CodeEditor::addEditorAction(const QString &text, const QKeySequence &shortcut)
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
    return action;
}

void CodeEditor::setUpActions()
{
    m_findBar = new FindBar(this);
    m_findBar->hide();
    m_findAction = addEditorAction(tr("&Find…"), QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] { m_findBar->open(false); });
    m_replaceAction = addEditorAction(tr("&Replace…"), QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_replaceAction, &QAction::triggered, this, [this] { m_findBar->open(true); });
    m_findNextAction = addEditorAction(tr("Find &Next"), QKeySequence::FindNext);
    connect(m_findNextAction, &QAction::triggered, this, [this] { m_findBar->findNext(); });
    m_goToLineAction = addEditorAction(tr("&Go to Line…"), QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_goToLineAction, &QAction::triggered, this, &CodeEditor::askGoToLine);
}

void CodeEditor::askGoToLine()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("goToLineDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Go to Line"));
    dialog->setLabelText(tr("Line (1–%1):").arg(lines()));
    dialog->setInputMode(QInputDialog::IntInput);
    dialog->setIntRange(1, qMax(1, lines()));
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    dialog->setIntValue(line + 1);
    connect(dialog, &QInputDialog::intValueSelected, this, &CodeEditor::goToLine);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QsciScintilla::resizeEvent(event);
    m_findBar->reposition();
}

void CodeEditor::setUpMarkers()
{
    setMarginType(MarkersMargin, SymbolMargin);
    setMarginWidth(MarkersMargin, 16);
    setMarginSensitivity(MarkersMargin, false);
    markerDefine(dot(QColor(0xe0, 0x1b, 0x24)), ErrorMarker);
    markerDefine(dot(QColor(0xd0, 0x8a, 0x00)), WarningMarker);
    setMarginMarkerMask(MarkersMargin, (1 << ErrorMarker) | (1 << WarningMarker));
}

void CodeEditor::updateLineNumberWidth()
{
    const int digits = qMax(2, int(QString::number(lines()).size()));
    if (digits == m_lineNumberDigits)
        return;
    m_lineNumberDigits = digits;
    setMarginWidth(LineNumbersMargin, QString(digits + 1, QLatin1Char('9')));
}

int CodeEditor::positionFromCharIndex(int charIndex) const
{
    if (charIndex <= 0)
        return 0;
    const long documentLength = SendScintilla(SCI_GETLENGTH);
    const long units = SendScintilla(SCI_COUNTCODEUNITS, 0UL, documentLength);
    if (charIndex >= units)
        return int(documentLength);
    return int(SendScintilla(SCI_POSITIONRELATIVECODEUNITS, 0UL, long(charIndex)));
}

int CodeEditor::charIndexFromPosition(int position) const
{
    if (position <= 0)
        return 0;
    const long documentLength = SendScintilla(SCI_GETLENGTH);
    return int(SendScintilla(SCI_COUNTCODEUNITS, 0UL, qMin(long(position), documentLength)));
}

int CodeEditor::cursorCharIndex() const
{
    return charIndexFromPosition(int(SendScintilla(SCI_GETCURRENTPOS)));
}

void CodeEditor::setCursorCharIndex(int charIndex)
{
    SendScintilla(SCI_GOTOPOS, static_cast<unsigned long>(positionFromCharIndex(charIndex)));
}

int CodeEditor::selectionStartCharIndex() const
{
    return charIndexFromPosition(int(SendScintilla(SCI_GETSELECTIONSTART)));
}

bool CodeEditor::hasSelection() const
{
    return SendScintilla(SCI_GETSELECTIONEMPTY) == 0;
}

int CodeEditor::selectionEndCharIndex() const
{
    return charIndexFromPosition(int(SendScintilla(SCI_GETSELECTIONEND)));
}

void CodeEditor::selectCharRange(int charStart, int charLength)
{
    SendScintilla(SCI_SETSEL,
                  static_cast<unsigned long>(positionFromCharIndex(charStart)),
                  long(positionFromCharIndex(charStart + charLength)));
}

void CodeEditor::fillIndicator(Indicator indicator,
                               int charStart,
                               int charLength,
                               const QString &message)
{
    const int start = positionFromCharIndex(charStart);
    const int end = positionFromCharIndex(charStart + qMax(charLength, 1));
    if (end <= start)
        return;
    SendScintilla(SCI_SETINDICATORCURRENT, static_cast<unsigned long>(indicator));
    SendScintilla(SCI_INDICATORFILLRANGE, static_cast<unsigned long>(start), long(end - start));
    if (!message.isEmpty()) {
        QString &existing = m_indicatorMessages[indicator][start];
        // Several findings on one statement share the range: show them all.
        existing = existing.isEmpty() ? message : existing + QStringLiteral("<hr>") + message;
    }
}

void CodeEditor::clearIndicator(Indicator indicator)
{
    SendScintilla(SCI_SETINDICATORCURRENT, static_cast<unsigned long>(indicator));
    SendScintilla(SCI_INDICATORCLEARRANGE, 0UL, SendScintilla(SCI_GETLENGTH));
    m_indicatorMessages.remove(indicator);
}

bool CodeEditor::hasIndicatorAt(Indicator indicator, int charIndex) const
{
    return SendScintilla(SCI_INDICATORVALUEAT,
                         static_cast<unsigned long>(indicator),
                         long(positionFromCharIndex(charIndex)))
           != 0;
}

QString CodeEditor::indicatorMessageAt(int charIndex) const
{
    return messageAtPosition(positionFromCharIndex(charIndex));
}

void CodeEditor::addLineMarker(Marker marker, int line)
{
    markerAdd(line - 1, marker);
}

void CodeEditor::clearLineMarkers()
{
    markerDeleteAll(ErrorMarker);
    markerDeleteAll(WarningMarker);
}

bool CodeEditor::hasLineMarker(Marker marker, int line) const
{
    return (markersAtLine(line - 1) & (1 << marker)) != 0;
}

void CodeEditor::goToLine(int line)
{
    const int target = qBound(0, line - 1, qMax(0, lines() - 1));
    setCursorPosition(target, 0);
    SendScintilla(SCI_ENSUREVISIBLEENFORCEPOLICY, static_cast<unsigned long>(target));
    const long visibleLines = SendScintilla(SCI_LINESONSCREEN);
    SendScintilla(SCI_SETFIRSTVISIBLELINE,
                  static_cast<unsigned long>(qMax(0L, long(target) - visibleLines / 2)));
    setFocus();
}

QString CodeEditor::messageAtPosition(int position) const
{
    QStringList messages;
    for (int indicator : {ErrorIndicator,
                          WarningIndicator,
                          InfoIndicator,
                          ProblemErrorIndicator,
                          ProblemWarningIndicator}) {
        const auto it = m_indicatorMessages.constFind(indicator);
        if (it == m_indicatorMessages.cend())
            continue;
        if (!SendScintilla(SCI_INDICATORVALUEAT,
                           static_cast<unsigned long>(indicator),
                           long(position)))
            continue;
        const int start = int(SendScintilla(SCI_INDICATORSTART,
                                            static_cast<unsigned long>(indicator),
                                            long(position)));
        const QString message = it.value().value(start);
        if (!message.isEmpty())
            messages.append(message);
    }
    return messages.join(QStringLiteral("<hr>"));
}

void CodeEditor::showIndicatorToolTip(int position, int x, int y)
{
    if (position < 0)
        return;
    const QString message = messageAtPosition(position);
    if (!message.isEmpty())
        QToolTip::showText(viewport()->mapToGlobal(QPoint(x, y)), message, viewport());
}

bool CodeEditor::event(QEvent *event)
{
    // Scintilla claims every key it has a binding for (Esc, Ctrl+T, ...), which would starve
    // the window's actions. Let an enabled action with the same shortcut win, except for Esc
    // while a completion list or call tip is open.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *keyEvent = static_cast<QKeyEvent *>(event);
        const bool popupOpen = isListActive() || isCallTipActive();
        if (!(popupOpen && keyEvent->key() == Qt::Key_Escape)
            && (keyEvent->modifiers() != Qt::NoModifier || keyEvent->key() >= Qt::Key_Escape)) {
            const QKeySequence pressed(keyEvent->keyCombination());
            const QList<QAction *> actions = window()->findChildren<QAction *>();
            for (QAction *action : actions) {
                if (action->isEnabled() && action->shortcuts().contains(pressed)) {
                    event->ignore();
                    return QAbstractScrollArea::event(event);
                }
            }
        }
    }
    return QsciScintilla::event(event);
}
