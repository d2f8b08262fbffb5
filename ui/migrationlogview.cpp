#include "migrationlogview.h"

#include "semanticcolors.h"

#include <QColor>
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
    QColor colour;
    switch (kind) {
    case Kind::Info:
        break;
    case Kind::Success:
        colour = SemanticColors::color(SemanticColors::Role::Success, palette());
        break;
    case Kind::Warning:
        colour = SemanticColors::color(SemanticColors::Role::Warning, palette());
        break;
    case Kind::Error:
        colour = SemanticColors::color(SemanticColors::Role::Error, palette());
        break;
    case Kind::Notice:
        colour = QColor(0x82, 0x50, 0xdf);
        break;
    case Kind::Detail:
        colour = SemanticColors::color(SemanticColors::Role::Muted, palette());
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
    if (colour.isValid())
        body = QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour.name(), body);
    appendHtml(QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3")
                   .arg(SemanticColors::color(SemanticColors::Role::Muted, palette()).name(),
                        time,
                        body));
}
