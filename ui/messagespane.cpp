#include "messagespane.h"

#include "semanticcolors.h"

#include <QFontDatabase>
#include <QTextBlock>
#include <QTextCursor>
#include <QTime>

MessagesPane::MessagesPane(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // A long session must not grow without bound.
    setMaximumBlockCount(10000);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(qMax(font.pointSize(), 9));
    setFont(font);
    setPlaceholderText(tr("Messages, notices and errors of the statements you run appear here."));
}

void MessagesPane::appendInfo(const QString &text)
{
    appendEntry(Kind::Info, text);
}

void MessagesPane::appendNotice(const Notice &notice)
{
    QString text = notice.severity.isEmpty() ? QStringLiteral("NOTICE") : notice.severity;
    text += QStringLiteral(": ") + notice.message;
    if (!notice.detail.isEmpty())
        text += QLatin1Char('\n') + tr("DETAIL: %1").arg(notice.detail);
    if (!notice.hint.isEmpty())
        text += QLatin1Char('\n') + tr("HINT: %1").arg(notice.hint);
    appendEntry(Kind::Notice, text);
}

void MessagesPane::appendError(const DbError &error)
{
    appendEntry(Kind::Error, error.toDisplayString());
}

void MessagesPane::appendEntry(Kind kind, const QString &text)
{
    QTextCharFormat stampFormat;
    stampFormat.setForeground(QColor(0x8a, 0x8f, 0x98));
    QTextCharFormat textFormat;
    switch (kind) {
    case Kind::Info:
        textFormat.setForeground(palette().color(QPalette::Text));
        break;
    case Kind::Notice:
        textFormat.setForeground(SemanticColors::color(SemanticColors::Role::Warning, palette()));
        break;
    case Kind::Error:
        textFormat.setForeground(SemanticColors::color(SemanticColors::Role::Error, palette()));
        break;
    }

    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (!document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))
                          + QLatin1String("  "),
                      stampFormat);
    // Continuation lines stay inside the same block so the time stamp column stays clean.
    QString body = text;
    body.replace(QLatin1Char('\n'), QChar::LineSeparator);
    cursor.insertText(body, textFormat);

    QTextCursor end(document());
    end.movePosition(QTextCursor::End);
    setTextCursor(end);
    ensureCursorVisible();
}
