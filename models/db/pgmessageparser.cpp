#include "pgmessageparser.h"

#include <QRegularExpression>
#include <QStringList>

namespace {

// Offset of the first character of 1-based `line` in `text`; libpq counts \r\n, \r and \n as one
// line end each, as the server does.
int lineStart(const QString &text, int line)
{
    int current = 1;
    for (int i = 0; i < text.size() && current < line; ++i) {
        if (text.at(i) == QLatin1Char('\r')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            ++current;
        } else if (text.at(i) == QLatin1Char('\n')) {
            ++current;
        }
        if (current == line)
            return i + 1;
    }
    return current == line ? 0 : -1;
}

QString lineText(const QString &text, int start)
{
    int end = start;
    while (end < text.size() && text.at(end) != QLatin1Char('\n') && text.at(end) != QLatin1Char('\r'))
        ++end;
    return text.mid(start, end - start);
}

// libpq prints "LINE n: <excerpt>" and below it spaces up to a caret. Long lines are cut to a
// window with "..." on either side, so the excerpt is searched inside the real line.
int positionFromExcerpt(const QString &statement, int line, const QString &excerptLine, int caretColumn)
{
    const int start = lineStart(statement, line);
    if (start < 0)
        return -1;
    const int prefixLength = int(excerptLine.indexOf(QLatin1Char(':'))) + 2; // "LINE n: "
    QString excerpt = excerptLine.mid(prefixLength);
    int column = caretColumn - prefixLength;
    const QLatin1String ellipsis("...");
    const bool cutAtStart = excerpt.startsWith(ellipsis);
    if (cutAtStart) {
        excerpt.remove(0, 3);
        column -= 3;
    }
    // libpq shows tabs as spaces; compare on the same footing.
    QString realLine = lineText(statement, start);
    QString shownLine = realLine;
    shownLine.replace(QLatin1Char('\t'), QLatin1Char(' '));
    int excerptStart = 0;
    if (cutAtStart) {
        QString probe = excerpt;
        if (probe.endsWith(ellipsis) && !shownLine.contains(probe))
            probe.chop(3);
        excerptStart = int(shownLine.indexOf(probe));
        if (excerptStart < 0)
            return -1;
    }
    if (column < 0)
        return -1;
    return qMin(start + excerptStart + column, int(statement.size()));
}

const QStringList &fieldLabels()
{
    static const QStringList labels = {
        QStringLiteral("DETAIL"), QStringLiteral("HINT"), QStringLiteral("CONTEXT"),
        QStringLiteral("QUERY"), QStringLiteral("LOCATION"), QStringLiteral("STATEMENT"),
        QStringLiteral("SCHEMA NAME"), QStringLiteral("TABLE NAME"), QStringLiteral("COLUMN NAME"),
        QStringLiteral("DATATYPE NAME"), QStringLiteral("CONSTRAINT NAME"),
    };
    return labels;
}

} // namespace

DbError PgMessageParser::parse(const QString &text, const QString &statement)
{
    static const QRegularExpression head(QStringLiteral(
        "^(ERROR|FATAL|PANIC|WARNING|NOTICE|DEBUG|INFO|LOG):  (?:([0-9A-Z]{5}): )?(.*)$"));
    static const QRegularExpression linePrefix(QStringLiteral("^LINE (\\d+): "));

    DbError error;
    const QStringList lines = text.split(QLatin1Char('\n'));
    QString *current = &error.message;
    bool sawHead = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const QRegularExpressionMatch headMatch = head.match(line);
        if (!sawHead && headMatch.hasMatch()) {
            sawHead = true;
            error.severity = headMatch.captured(1);
            error.sqlState = headMatch.captured(2);
            error.message = headMatch.captured(3);
            current = &error.message;
            continue;
        }
        const QRegularExpressionMatch lineMatch = linePrefix.match(line);
        if (lineMatch.hasMatch()) {
            if (i + 1 < lines.size() && lines.at(i + 1).trimmed() == QLatin1String("^")) {
                const int caret = int(lines.at(i + 1).indexOf(QLatin1Char('^')));
                if (!statement.isEmpty() && error.position < 0)
                    error.position = positionFromExcerpt(statement, lineMatch.captured(1).toInt(), line, caret);
                ++i;
            }
            current = nullptr;
            continue;
        }
        const int colon = int(line.indexOf(QStringLiteral(":  ")));
        const QString label = colon > 0 ? line.left(colon) : QString();
        if (fieldLabels().contains(label)) {
            const QString value = line.mid(colon + 3);
            current = label == QLatin1String("DETAIL")    ? &error.detail
                      : label == QLatin1String("HINT")    ? &error.hint
                      : label == QLatin1String("CONTEXT") ? &error.context
                                                          : nullptr;
            if (current)
                *current = current->isEmpty() ? value : *current + QLatin1Char('\n') + value;
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        // Continuation of the previous field; client-side messages have no head at all.
        if (current) {
            QString piece = line;
            if (current == &error.message)
                piece = piece.trimmed();
            *current = current->isEmpty() ? piece : *current + QLatin1Char('\n') + piece;
        }
    }
    if (error.severity.isEmpty())
        error.severity = QStringLiteral("ERROR");
    error.cancelled = error.sqlState == QLatin1String("57014");
    return error;
}
