#include "migrationlogview.h"

#include <QFontDatabase>
#include <QTime>

MigrationLogView::MigrationLogView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setMaximumBlockCount(10000);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void MigrationLogView::append(const QString &text, Kind kind)
{
    if (text.isEmpty()) {
        if (!document()->isEmpty())
            appendPlainText(QString());
        return;
    }
    const char *colour = nullptr;
    switch (kind) {
    case Kind::Info:
        break;
    case Kind::Success:
        colour = "#1a7f37";
        break;
    case Kind::Error:
        colour = "#c91d2e";
        break;
    case Kind::Notice:
        colour = "#8250df";
        break;
    case Kind::Detail:
        colour = "#6a737d";
        break;
    }
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    // HTML collapses runs of spaces: keep the engine's indentation and line up continuation
    // lines (server DETAIL/HINT, file lists) under the text, past the time stamp.
    const QString indent = QString(time.size() + 1, QLatin1Char(' '));
    QString body = text.toHtmlEscaped();
    body.replace(QLatin1Char('\n'), QLatin1Char('\n') + indent);
    body.replace(QLatin1Char(' '), QLatin1String("&nbsp;"));
    body.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    if (colour)
        body = QStringLiteral("<span style=\"color:%1\">%2</span>").arg(QLatin1String(colour), body);
    appendHtml(QStringLiteral("<span style=\"color:#8c959f\">%1</span>&nbsp;%2").arg(time, body));
}
