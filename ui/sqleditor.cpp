#include "sqleditor.h"

#include "sqllexer.h"

#include <QAction>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QToolTip>

namespace {
constexpr int LineNumberMargin = 0;
constexpr int SymbolMargin = 1;
constexpr int FoldMargin = 2;
} // namespace

SqlEditor::SqlEditor(QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setEolMode(EolUnix);

    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(qMax(font.pointSize(), 10));
    setFont(font);

    m_lexer = new SqlLexer(this);
    m_lexer->applyFont(font);
    setLexer(m_lexer);

    // Line numbers, no symbol or fold margin until something needs them.
    setMarginType(LineNumberMargin, NumberMargin);
    setMarginLineNumbers(LineNumberMargin, true);
    setMarginsFont(font);
    setMarginsBackgroundColor(QColor(0xf6, 0xf7, 0xf9));
    setMarginsForegroundColor(QColor(0x9a, 0xa0, 0xa6));
    setMarginWidth(SymbolMargin, 0);
    setMarginWidth(FoldMargin, 0);
    updateLineNumberWidth();
    connect(this, &QsciScintilla::linesChanged, this, &SqlEditor::updateLineNumberWidth);

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
    SendScintilla(SCI_SETMOUSEDWELLTIME, 500UL);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &SqlEditor::showIndicatorToolTip);
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [](int, int, int) {
        QToolTip::hideText();
    });
}

void SqlEditor::setUpIndicators()
{
    indicatorDefine(SquiggleIndicator, ErrorIndicator);
    setIndicatorForegroundColor(QColor(0xe0, 0x1b, 0x24), ErrorIndicator);
    indicatorDefine(SquiggleIndicator, WarningIndicator);
    setIndicatorForegroundColor(QColor(0xe5, 0xa5, 0x0a), WarningIndicator);
    indicatorDefine(DotsIndicator, InfoIndicator);
    setIndicatorForegroundColor(QColor(0x35, 0x84, 0xe4), InfoIndicator);
    for (int indicator : {ErrorIndicator, WarningIndicator, InfoIndicator})
        SendScintilla(SCI_INDICSETUNDER, static_cast<unsigned long>(indicator), 1L);
}

void SqlEditor::updateLineNumberWidth()
{
    const int digits = qMax(2, int(QString::number(lines()).size()));
    if (digits == m_lineNumberDigits)
        return;
    m_lineNumberDigits = digits;
    setMarginWidth(LineNumberMargin, QString(digits + 1, QLatin1Char('9')));
}

int SqlEditor::positionFromCharIndex(int charIndex) const
{
    if (charIndex <= 0)
        return 0;
    const long documentLength = SendScintilla(SCI_GETLENGTH);
    const long units = SendScintilla(SCI_COUNTCODEUNITS, 0UL, documentLength);
    if (charIndex >= units)
        return int(documentLength);
    return int(SendScintilla(SCI_POSITIONRELATIVECODEUNITS, 0UL, long(charIndex)));
}

int SqlEditor::charIndexFromPosition(int position) const
{
    if (position <= 0)
        return 0;
    const long documentLength = SendScintilla(SCI_GETLENGTH);
    return int(SendScintilla(SCI_COUNTCODEUNITS, 0UL, qMin(long(position), documentLength)));
}

int SqlEditor::cursorCharIndex() const
{
    return charIndexFromPosition(int(SendScintilla(SCI_GETCURRENTPOS)));
}

void SqlEditor::setCursorCharIndex(int charIndex)
{
    SendScintilla(SCI_GOTOPOS, static_cast<unsigned long>(positionFromCharIndex(charIndex)));
}

int SqlEditor::selectionStartCharIndex() const
{
    return charIndexFromPosition(int(SendScintilla(SCI_GETSELECTIONSTART)));
}

int SqlEditor::selectionEndCharIndex() const
{
    return charIndexFromPosition(int(SendScintilla(SCI_GETSELECTIONEND)));
}

void SqlEditor::fillIndicator(Indicator indicator,
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
    if (!message.isEmpty())
        m_indicatorMessages[indicator].insert(start, message);
}

void SqlEditor::clearIndicator(Indicator indicator)
{
    SendScintilla(SCI_SETINDICATORCURRENT, static_cast<unsigned long>(indicator));
    SendScintilla(SCI_INDICATORCLEARRANGE, 0UL, SendScintilla(SCI_GETLENGTH));
    m_indicatorMessages.remove(indicator);
}

bool SqlEditor::hasIndicatorAt(Indicator indicator, int charIndex) const
{
    return SendScintilla(SCI_INDICATORVALUEAT,
                         static_cast<unsigned long>(indicator),
                         long(positionFromCharIndex(charIndex)))
           != 0;
}

void SqlEditor::markError(int charStart, int charLength, const QString &message)
{
    fillIndicator(ErrorIndicator, charStart, charLength, message);
}

void SqlEditor::clearErrorMarks()
{
    clearIndicator(ErrorIndicator);
}

int SqlEditor::tokenLengthAt(int charIndex) const
{
    const QString all = text();
    if (charIndex < 0 || charIndex >= all.size())
        return 0;
    const QChar first = all.at(charIndex);
    int i = charIndex;
    if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
        ++i;
        while (i < all.size() && all.at(i) != first && all.at(i) != QLatin1Char('\n'))
            ++i;
        return qMin(i + 1, int(all.size())) - charIndex;
    }
    while (i < all.size()
           && (all.at(i).isLetterOrNumber() || all.at(i) == QLatin1Char('_')
               || all.at(i) == QLatin1Char('$') || all.at(i).isSurrogate()))
        ++i;
    return i - charIndex;
}

void SqlEditor::showIndicatorToolTip(int position, int x, int y)
{
    if (position < 0)
        return;
    for (auto it = m_indicatorMessages.cbegin(); it != m_indicatorMessages.cend(); ++it) {
        const unsigned long indicator = static_cast<unsigned long>(it.key());
        if (!SendScintilla(SCI_INDICATORVALUEAT, indicator, long(position)))
            continue;
        const int start = int(SendScintilla(SCI_INDICATORSTART, indicator, long(position)));
        const QString message = it.value().value(start);
        if (!message.isEmpty()) {
            QToolTip::showText(viewport()->mapToGlobal(QPoint(x, y)), message, viewport());
            return;
        }
    }
}

bool SqlEditor::event(QEvent *event)
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
