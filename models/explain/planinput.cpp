#include "planinput.h"

#include "plantextnode.h"

#include <QRegularExpression>

namespace {

bool isBoxDrawing(QChar c)
{
    return c.unicode() >= 0x2500 && c.unicode() <= 0x257F;
}

bool isBorder(QChar c)
{
    return c == QLatin1Char('|') || c == QChar(0x2502) || c == QChar(0x2551); // | │ ║
}

// "-----+-----", "═══════", "╔══╗", "+----+": lines that only draw table rules.
bool isRule(const QString &line)
{
    int strokes = 0;
    for (const QChar c : line) {
        if (c == QLatin1Char('-') || c == QLatin1Char('=') || isBoxDrawing(c))
            ++strokes;
        else if (c != QLatin1Char('+') && c != QLatin1Char('|') && c != QLatin1Char(' ')
                 && c != QLatin1Char(':'))
            return false;
    }
    return strokes >= 3;
}

QString rightTrimmed(const QString &s)
{
    qsizetype end = s.size();
    while (end > 0 && s.at(end - 1).isSpace())
        --end;
    return s.left(end);
}

QString expandTabs(const QString &s)
{
    if (!s.contains(QLatin1Char('\t')))
        return s;
    QString out;
    for (const QChar c : s) {
        if (c == QLatin1Char('\t'))
            out.append(QString(8 - out.size() % 8, QLatin1Char(' ')));
        else
            out.append(c);
    }
    return out;
}

// A column header psql or a GUI client printed above the plan ("QUERY PLAN", or the alias of
// an EXPLAIN wrapped in a function).
bool isHeaderLike(const QString &trimmed)
{
    static const QRegularExpression header(QStringLiteral("^[A-Za-z_][A-Za-z0-9_ ]*$"));
    return header.match(trimmed).hasMatch() && !PlanTextNode::isKnownNodeName(trimmed);
}

bool isFooter(const QString &trimmed)
{
    static const QRegularExpression footer(QStringLiteral("^\\(\\d+ [^\\s()]+\\)$"));
    return footer.match(trimmed).hasMatch();
}

// Lines of a plan as PostgreSQL prints them, used to tell a hard-wrapped tail from a new line.
bool isPlanShaped(const QString &line)
{
    static const QRegularExpression shape(
        QStringLiteral("^\\s*(?:->|[A-Z][A-Za-z0-9 /&()'_-]*:(?: |$)|(?:InitPlan|SubPlan|CTE)\\b|"
                       "(?:Insert|Update|Delete|Merge|Foreign \\w+) on )"));
    return shape.match(line).hasMatch();
}

// "[", "[{", "{", "{\"Plan\"": the start of a JSON document, unlike a psql prompt such as
// "[1234]postgres=# EXPLAIN …".
bool startsJson(const QString &trimmed)
{
    static const QRegularExpression json(
        QStringLiteral("^(?:\\[\\s*(?:\\{.*)?|\\{\\s*(?:\".*)?)$"));
    return json.match(trimmed).hasMatch();
}

} // namespace

bool PlanInput::looksLikeNodeLine(const QString &line)
{
    const QString trimmed = line.trimmed();
    if (trimmed.startsWith(QLatin1String("->")))
        return true;
    if (trimmed.contains(QLatin1String("(cost=")) || trimmed.contains(QLatin1String("(actual "))
        || trimmed.contains(QLatin1String("(never executed)")))
        return true;
    return PlanTextNode::isKnownNodeName(trimmed);
}

PlanInput PlanInput::fromText(const QString &raw)
{
    PlanInput input;
    QString text = raw;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QStringList rawLines = text.split(QLatin1Char('\n'));
    QStringList untrimmed;
    for (int i = 0; i < rawLines.size(); ++i) {
        QString line = rawLines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        untrimmed.append(expandTabs(line));
        line = rightTrimmed(untrimmed.last());
        if (input.m_firstContentLine == 0 && !line.trimmed().isEmpty())
            input.m_firstContentLine = i + 1;
        input.m_lines.append({line, i + 1});
    }
    input.stripExpandedRecords();
    input.stripFrames();
    input.joinWrappedCells();
    input.stripQuotes();
    input.dropHeadersAndFooters();
    input.selectPlan();
    if (input.m_kind == Kind::Text)
        input.joinHardWraps(untrimmed);
    return input;
}

void PlanInput::stripExpandedRecords()
{
    // psql's expanded display (\x): "-[ RECORD 1 ]----" rules and "QUERY PLAN | line" rows,
    // with multi-line cells continued as "           | line".
    static const QRegularExpression record(QStringLiteral("^-\\[ RECORD \\d+ \\]-*$"));
    bool expanded = false;
    for (const Line &line : std::as_const(m_lines))
        expanded = expanded || record.match(line.text.trimmed()).hasMatch();
    if (!expanded)
        return;
    static const QRegularExpression cell(QStringLiteral("^[A-Za-z_ ]*\\| ?"));
    QList<Line> kept;
    for (Line line : std::as_const(m_lines)) {
        if (record.match(line.text.trimmed()).hasMatch())
            continue;
        const QRegularExpressionMatch m = cell.match(line.text);
        if (m.hasMatch())
            line.text = line.text.mid(m.capturedLength());
        kept.append(line);
    }
    m_lines = kept;
}

void PlanInput::stripFrames()
{
    // Frames are decided for the whole input: a plan line may legitimately end with "|" only
    // when every line does (DBeaver), and with "+" only when psql marks continuations.
    int content = 0;
    int framed = 0;
    int barEnded = 0;
    int plusEnded = 0;
    for (const Line &line : std::as_const(m_lines)) {
        const QString trimmed = line.text.trimmed();
        if (trimmed.isEmpty() || isRule(trimmed))
            continue;
        ++content;
        if (trimmed.size() >= 2 && isBorder(trimmed.front()) && isBorder(trimmed.back()))
            ++framed;
        else if (isBorder(trimmed.back()))
            ++barEnded;
        if (trimmed.endsWith(QLatin1Char('+')))
            ++plusEnded;
    }
    const bool frames = content > 0 && framed * 2 >= content;
    const bool trailingBars = !frames && content > 0 && barEnded * 5 >= content * 4;

    QList<Line> kept;
    for (Line line : std::as_const(m_lines)) {
        QString trimmed = line.text.trimmed();
        if (isRule(trimmed)) {
            // The line above a rule is a column header when it reads like one.
            if (!kept.isEmpty() && isHeaderLike(kept.last().text.trimmed()))
                kept.removeLast();
            continue;
        }
        if (frames && trimmed.size() >= 2 && isBorder(trimmed.front()) && isBorder(trimmed.back())) {
            QString inner = trimmed.mid(1, trimmed.size() - 2);
            if (inner.startsWith(QLatin1Char(' ')))
                inner.remove(0, 1);
            inner = rightTrimmed(inner);
            // psql's newline markers (↵, +) sit in the last column; wrap markers stay for
            // joinWrappedCells().
            if (inner.endsWith(QChar(0x21B5)) || inner.endsWith(QLatin1Char('+')))
                inner.chop(1);
            line.text = rightTrimmed(inner);
        } else if (trailingBars && isBorder(trimmed.back())) {
            line.text = rightTrimmed(rightTrimmed(line.text).chopped(1));
        }
        kept.append(line);
    }
    m_lines = kept;

    if (plusEnded >= 2 && plusEnded * 3 >= content) {
        for (Line &line : m_lines) {
            if (line.text.endsWith(QLatin1Char('+')))
                line.text = rightTrimmed(line.text.chopped(1));
        }
    }
}

void PlanInput::joinWrappedCells()
{
    // psql's wrapped format ends a cut line with a marker ("…", or "." in ascii) and starts the
    // rest with the same marker, except with border 0 where the rest starts bare. A bare rest
    // after "." is only taken as psql's when every line at the wrap width ends with "."; a
    // terminal's hard wrap can also leave a "." at the end ("actual time=1." + "021..").
    qsizetype width = 0;
    for (const Line &line : std::as_const(m_lines))
        width = std::max(width, line.text.size());
    bool dotsAreMarkers = false;
    for (const Line &line : std::as_const(m_lines)) {
        if (line.text.size() == width) {
            dotsAreMarkers = line.text.endsWith(QLatin1Char('.'));
            if (!dotsAreMarkers)
                break;
        }
    }
    QList<Line> joined;
    for (int i = 0; i < m_lines.size(); ++i) {
        Line line = m_lines.at(i);
        while (i + 1 < m_lines.size()
               && (line.text.endsWith(QChar(0x2026)) || line.text.endsWith(QLatin1Char('.')))) {
            const QChar marker = line.text.back();
            const QString &next = m_lines.at(i + 1).text;
            const bool bareRest = !next.isEmpty() && !next.front().isSpace() && !isPlanShaped(next)
                                  && (marker != QLatin1Char('.') || dotsAreMarkers);
            if (next.startsWith(marker)) {
                line.text = line.text.chopped(1) + next.mid(1);
            } else if (bareRest) {
                line.text = line.text.chopped(1) + next;
            } else {
                break;
            }
            ++i;
        }
        joined.append(line);
    }
    m_lines = joined;
}

void PlanInput::stripQuotes()
{
    // pgAdmin and CSV exports put each line (or the whole JSON cell) in double quotes.
    int content = 0;
    int opening = 0;
    int closing = 0;
    for (const Line &line : std::as_const(m_lines)) {
        const QString trimmed = line.text.trimmed();
        if (trimmed.isEmpty())
            continue;
        ++content;
        if (trimmed.startsWith(QLatin1Char('"')))
            ++opening;
        if (trimmed.endsWith(QLatin1Char('"')) && trimmed.size() > 1)
            ++closing;
    }
    if (content == 0)
        return;
    const bool everyLineOpens = opening == content;
    const bool everyLineCloses = closing == content;
    if (everyLineOpens || everyLineCloses) {
        for (Line &line : m_lines) {
            QString t = line.text.trimmed();
            if (t.isEmpty())
                continue;
            const int indent = int(line.text.indexOf(t.front()));
            if (everyLineOpens && t.startsWith(QLatin1Char('"')))
                t.remove(0, 1);
            if (everyLineCloses && t.endsWith(QLatin1Char('"')))
                t.chop(1);
            if (everyLineOpens && everyLineCloses)
                t.replace(QLatin1String("\"\""), QLatin1String("\""));
            line.text = QString(indent, QLatin1Char(' ')) + t;
        }
        return;
    }
    // One quoted cell holding a JSON document: "[{""Plan"": …}]".
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        if (!m_lines.at(i).text.trimmed().isEmpty()) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    const QString head = m_lines.at(first).text.trimmed();
    const QString tail = m_lines.at(last).text.trimmed();
    if (head.startsWith(QLatin1String("\"[")) || head.startsWith(QLatin1String("\"{"))) {
        if (tail.endsWith(QLatin1Char('"'))) {
            for (int i = first; i <= last; ++i) {
                QString t = m_lines.at(i).text;
                if (i == first)
                    t.remove(t.indexOf(QLatin1Char('"')), 1);
                if (i == last)
                    t.chop(1);
                t.replace(QLatin1String("\"\""), QLatin1String("\""));
                m_lines[i].text = t;
            }
        }
    }
}

void PlanInput::dropHeadersAndFooters()
{
    QList<Line> kept;
    for (const Line &line : std::as_const(m_lines)) {
        const QString trimmed = line.text.trimmed();
        if (isFooter(trimmed) || trimmed == QLatin1String("QUERY PLAN"))
            continue;
        kept.append(line);
    }
    m_lines = kept;
}

void PlanInput::selectPlan()
{
    int json = -1;
    int node = -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        const QString trimmed = m_lines.at(i).text.trimmed();
        if (json < 0 && startsJson(trimmed))
            json = i;
        if (node < 0 && looksLikeNodeLine(trimmed))
            node = i;
        if (json >= 0 || node >= 0)
            break;
    }
    if (json >= 0) {
        m_kind = Kind::Json;
        m_lines = m_lines.mid(json);
        return;
    }
    if (node >= 0) {
        m_kind = Kind::Text;
        m_lines = m_lines.mid(node);
        return;
    }
    bool blank = true;
    for (const Line &line : std::as_const(m_lines))
        blank = blank && line.text.trimmed().isEmpty();
    m_kind = blank ? Kind::Empty : Kind::Text;
}

void PlanInput::joinHardWraps(const QStringList &untrimmed)
{
    // A terminal that wraps at a fixed width leaves many lines of exactly that width, each
    // continued on the next line at column 0 or with a stray leading space.
    //
    // A cut right after a space leaves that space at the end of the line, where fromText()
    // trimmed it off: the line would look one column short of the width, and joining it would
    // lose the space. So a line's width counts the blanks it ended with in the input, as long
    // as nothing but that trimming changed it (frames and quotes rewrite a line's end), and
    // only up to two: a plan line has at most two spaces in a row between its items, while a
    // console that pads every line to the window's width adds many more.
    const auto shownWidth = [&untrimmed](const Line &line) {
        const QString &original = untrimmed.at(line.number - 1);
        const qsizetype blanks = original.size() - line.text.size();
        return blanks <= 2 && rightTrimmed(original) == line.text ? original.size()
                                                                  : line.text.size();
    };
    qsizetype width = 0;
    int atWidth = 0;
    for (const Line &line : std::as_const(m_lines)) {
        const qsizetype shown = shownWidth(line);
        if (shown > width) {
            width = shown;
            atWidth = 1;
        } else if (shown == width) {
            ++atWidth;
        }
    }
    if (atWidth < 2 || width < 40)
        return;
    QList<Line> joined;
    for (int i = 0; i < m_lines.size(); ++i) {
        Line line = m_lines.at(i);
        while (shownWidth(m_lines.at(i)) == width && i + 1 < m_lines.size()
               && !m_lines.at(i + 1).text.isEmpty() && !isPlanShaped(m_lines.at(i + 1).text)) {
            const Line &cut = m_lines.at(i);
            line.text += QString(width - cut.text.size(), QLatin1Char(' '))
                         + m_lines.at(i + 1).text;
            ++i;
        }
        joined.append(line);
    }
    m_lines = joined;
}
