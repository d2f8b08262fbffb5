#pragma once

// How the deploy checks write their evidence (Markdown tables) and which lint rules mark a point
// of no return; shared by the checks' translation units.

#include <QLocale>
#include <QSet>
#include <QString>

namespace DeployCheckText {

// Markdown table cells must not break the table.
inline QString cell(QString text)
{
    text.replace(QLatin1Char('|'), QLatin1String("\\|"));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

// Thousands grouped with commas whatever the locale, so reports read the same everywhere.
inline QString number(qint64 value)
{
    QLocale english(QLocale::English);
    return english.toString(value);
}

// Rules whose statements destroy data or objects: a migration holding one is a point of no return
// even when it has a down script (the down script cannot bring the data back).
inline bool destructive(const QString &rule)
{
    static const QSet<QString> rules{QStringLiteral("ban-drop-column"), QStringLiteral("ban-drop-table"),
                                     QStringLiteral("ban-drop-database"), QStringLiteral("ban-truncate-cascade")};
    return rules.contains(rule);
}

} // namespace DeployCheckText
