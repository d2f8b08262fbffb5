#include "psqlscanner.h"

#include <QByteArrayView>

#include <cstring>

namespace {

bool isIdentStart(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool isDigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

bool isIdentChar(unsigned char c)
{
    return isIdentStart(c) || isDigit(c) || c == '$';
}

// psql's variable_char: no '$'.
bool isVariableChar(unsigned char c)
{
    return isIdentStart(c) || isDigit(c);
}

constexpr int MaxIdentifierBytes = 63; // NAMEDATALEN - 1

bool isSpace(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool equalsLower(QByteArrayView word, const char *lowerWord)
{
    const size_t n = std::strlen(lowerWord);
    if (size_t(word.size()) != n)
        return false;
    for (size_t i = 0; i < n; ++i) {
        if (lower(word[qsizetype(i)]) != lowerWord[i])
            return false;
    }
    return true;
}

// True for a line that reads `COPY … FROM STDIN` or `\copy … from stdin`: such a line never
// appears inside COPY data in practice, so it tells a COPY that failed on the server (and so had
// no data after it) from one whose data follows.
bool looksLikeCopyFromStdin(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && isSpace(uchar(line[i])))
        ++i;
    if (i < line.size() && line[i] == '\\')
        ++i;
    if (line.size() - i < 5 || !equalsLower(line.sliced(i, 4), "copy")
        || isIdentChar(uchar(line[i + 4])))
        return false;
    // Look for the word pair FROM STDIN.
    QByteArray lowered = line.sliced(i).toByteArray().toLower();
    qsizetype at = 0;
    while ((at = lowered.indexOf("from", at)) >= 0) {
        const bool startOk = at == 0 || !isIdentChar(uchar(lowered.at(at - 1)));
        qsizetype j = at + 4;
        const qsizetype afterFrom = j;
        while (j < lowered.size() && isSpace(uchar(lowered.at(j))))
            ++j;
        if (startOk && j > afterFrom && lowered.mid(j, 5) == "stdin"
            && (j + 5 >= lowered.size() || !isIdentChar(uchar(lowered.at(j + 5)))))
            return true;
        at += 4;
    }
    return false;
}

// psql's reading of a boolean (\if): a prefix of true/false/yes/no, on/off, 1/0. Anything
// with a variable in it cannot be known here and counts as true, so the first branch is the one
// read; a malformed expression is false, as in psql.
bool conditionValue(QByteArrayView expression)
{
    QByteArray value = expression.toByteArray().trimmed().toLower();
    if (value.contains(':'))
        return true;
    if (value.isEmpty())
        return false;
    for (const char *word : {"true", "yes", "on", "1"}) {
        if (QByteArray(word).startsWith(value) && (value.size() > 1 || value != "o"))
            return true;
    }
    return false;
}

struct Conditional
{
    bool parentActive = true;
    bool active = true;
    bool taken = false; // some branch of this \if ran already
};

class Scanner
{
public:
    explicit Scanner(const QByteArray &input)
        : m_data(input.constData())
        , m_size(int(input.size()))
    {
        m_result.masked = input;
        m_out = m_result.masked.data();
        for (int k = 0; k < m_size; ++k) {
            if (m_data[k] == '\0') {
                m_result.nulBytes.append(k);
                m_out[k] = ' ';
            }
        }
    }

    PsqlScanner::Result run();

private:
    unsigned char at(int i) const { return i < m_size ? uchar(m_data[i]) : 0; }
    bool active() const { return m_conditionals.isEmpty() || m_conditionals.last().active; }
    int lineEnd(int i) const;
    void blank(int from, int to);
    void addRange(PsqlScanner::RangeKind kind, int start, int end);
    int skipBlockComment(int i) const;
    int skipString(int i, bool escapes, bool plain);
    int skipQuotedIdentifier(int i) const;
    int dollarTagEnd(int i) const;
    int skipDollarQuote(int i, int tagEnd) const;
    int identifier(int i);
    int backslash(int i);
    int commandEnd(int i, QByteArrayView name, int argsStart) const;
    void conditional(QByteArrayView name, QByteArrayView arguments);
    void flushSkipped(int upTo);
    int colon(int i);
    void endStatement(int terminator);
    int copyData(int newline);

    const char *m_data;
    int m_size;
    PsqlScanner::Result m_result;
    char *m_out;

    int m_paren = 0;
    int m_bracket = 0;
    int m_beginDepth = 0;
    int m_identifierCount = 0;
    char m_leading[4] = {};
    bool m_pending = false;     // statement text since the last terminator
    bool m_copyPending = false; // COPY … FROM STDIN sent: data starts on the next line
    bool m_standardStrings = true;
    QList<QByteArrayView> m_words; // first top-level words of the current statement
    QList<Conditional> m_conditionals;
    int m_skipStart = -1; // start of the inactive \if branch being read
};

int Scanner::lineEnd(int i) const
{
    const void *nl = std::memchr(m_data + i, '\n', size_t(m_size - i));
    return nl ? int(static_cast<const char *>(nl) - m_data) : m_size;
}

void Scanner::blank(int from, int to)
{
    for (int k = from; k < to; ++k) {
        if (m_out[k] != '\n')
            m_out[k] = ' ';
    }
}

void Scanner::addRange(PsqlScanner::RangeKind kind, int start, int end)
{
    blank(start, end);
    QList<PsqlScanner::Range> &ranges = m_result.ranges;
    // `\gset p \\ \echo :x` is one run of commands on a line: keep it as one range.
    if (kind == PsqlScanner::RangeKind::MetaCommand && !ranges.isEmpty()
        && ranges.last().kind == kind) {
        PsqlScanner::Range &last = ranges.last();
        int gap = last.start + last.length;
        while (gap < start && (m_data[gap] == ' ' || m_data[gap] == '\t'))
            ++gap;
        if (gap == start) {
            last.length = end - last.start;
            return;
        }
    }
    ranges.append({kind, start, end - start});
}

int Scanner::skipBlockComment(int i) const
{
    int depth = 0;
    while (i < m_size) {
        if (m_data[i] == '/' && at(i + 1) == '*') {
            ++depth;
            i += 2;
        } else if (m_data[i] == '*' && at(i + 1) == '/') {
            i += 2;
            if (--depth == 0)
                return i;
        } else {
            ++i;
        }
    }
    return m_size;
}

// `plain`: a '…' string without an E prefix, whose backslashes depend on
// standard_conforming_strings.
int Scanner::skipString(int i, bool escapes, bool plain)
{
    const int open = i++;
    bool sawBackslash = false;
    while (i < m_size) {
        const char c = m_data[i];
        if (c == '\\' && escapes) {
            sawBackslash = true;
            i += 2;
        } else if (c == '\'') {
            if (at(i + 1) == '\'') {
                i += 2;
            } else {
                ++i;
                break;
            }
        } else {
            ++i;
        }
    }
    i = qMin(i, m_size);
    // With standard_conforming_strings off, a plain '…' string treats backslashes as escapes,
    // which libpg_query (always "on") would read differently: hand it a blank string instead.
    if (sawBackslash && plain && !m_standardStrings)
        blank(open + 1, qMax(open + 1, i - 1));
    return i;
}

int Scanner::skipQuotedIdentifier(int i) const
{
    ++i;
    while (i < m_size) {
        if (m_data[i] == '"') {
            if (at(i + 1) == '"') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return m_size;
}

// For a '$' at i: the index just past the closing '$' of a dollar-quote tag ($$ or $tag$), or -1.
int Scanner::dollarTagEnd(int i) const
{
    int j = i + 1;
    if (at(j) == '$')
        return j + 1;
    if (!isIdentStart(at(j)))
        return -1;
    while (j < m_size && isVariableChar(at(j)))
        ++j;
    return at(j) == '$' ? j + 1 : -1;
}

int Scanner::skipDollarQuote(int i, int tagEnd) const
{
    const QByteArrayView tag(m_data + i, tagEnd - i);
    const QByteArrayView rest(m_data + tagEnd, m_size - tagEnd);
    const qsizetype close = rest.indexOf(tag);
    return close < 0 ? m_size : int(tagEnd + close + tag.size());
}

// Reads an identifier or key word at i; handles string prefixes (E'', U&'', B'', X'', N'').
int Scanner::identifier(int i)
{
    int j = i + 1;
    while (j < m_size && isIdentChar(at(j)))
        ++j;
    const QByteArrayView word(m_data + i, j - i);
    if (word.size() == 1) {
        const char c = lower(word[0]);
        // Backslashes escape in E'' always, in N'' as in plain strings, never in B'', X'', U&''.
        if (at(j) == '\'' && (c == 'e' || c == 'n'))
            return skipString(j, c == 'e' || !m_standardStrings, c == 'n');
        if (at(j) == '\'' && (c == 'b' || c == 'x'))
            return skipString(j, false, false);
        if (c == 'u' && at(j) == '&' && at(j + 1) == '\'')
            return skipString(j + 1, false, false);
        if (c == 'u' && at(j) == '&' && at(j + 1) == '"')
            return skipQuotedIdentifier(j + 1);
    }
    if (!active())
        return j;
    if (j - i > MaxIdentifierBytes)
        m_result.longIdentifiers.append({i, j - i});

    // psql's heuristic for BEGIN ATOMIC bodies: in CREATE [OR REPLACE] FUNCTION|PROCEDURE,
    // BEGIN (and CASE inside it) opens a block that END closes, and semicolons inside do not end
    // the statement.
    if (m_identifierCount < 4) {
        const bool leadingWord = equalsLower(word, "create") || equalsLower(word, "or")
                                 || equalsLower(word, "replace") || equalsLower(word, "function")
                                 || equalsLower(word, "procedure");
        m_leading[m_identifierCount] = leadingWord ? lower(word[0]) : '\0';
    }
    ++m_identifierCount;
    const bool routine = m_leading[0] == 'c'
                         && (m_leading[1] == 'f' || m_leading[1] == 'p'
                             || (m_leading[1] == 'o' && m_leading[2] == 'r'
                                 && (m_leading[3] == 'f' || m_leading[3] == 'p')));
    if (routine && m_paren == 0) {
        if (equalsLower(word, "begin"))
            ++m_beginDepth;
        else if (equalsLower(word, "case") && m_beginDepth > 0)
            ++m_beginDepth;
        else if (equalsLower(word, "end") && m_beginDepth > 0)
            --m_beginDepth;
    }
    if (m_paren == 0 && m_words.size() < 16)
        m_words.append(word);
    return j;
}

// Where the backslash command at i (name read up to argsStart) ends. As in psql, arguments stop
// at an unquoted backslash (`\\` separates commands and returns to SQL), except for commands
// that take the whole line and for `|command` pipes.
int Scanner::commandEnd(int i, QByteArrayView name, int argsStart) const
{
    const int end = lineEnd(i);
    for (const char *whole : {"!", "copy", "ef", "ev", "sf", "sv", "h", "help"}) {
        if (equalsLower(name, whole))
            return end;
    }
    const bool pipes = equalsLower(name, "w") || equalsLower(name, "o") || equalsLower(name, "out")
                       || equalsLower(name, "g") || equalsLower(name, "gx");
    int k = argsStart;
    while (k < end) {
        const unsigned char c = at(k);
        // Every whitespace byte the word loop below stops at (\f and \v too) must be skipped
        // here, or neither branch would advance.
        if (isSpace(c)) {
            ++k;
        } else if (c == '\\') {
            return at(k + 1) == '\\' ? k + 2 : k;
        } else if (c == '|' && pipes) {
            return end;
        } else {
            // One argument: c is neither whitespace nor a backslash, so it takes at least c.
            do {
                const char quote = m_data[k];
                if (quote == '\'' || quote == '"' || quote == '`') {
                    ++k;
                    while (k < end && m_data[k] != quote)
                        k += (quote == '\'' && m_data[k] == '\\') ? 2 : 1;
                }
                ++k;
            } while (k < end && !isSpace(at(k)) && at(k) != '\\');
        }
    }
    return end;
}

void Scanner::conditional(QByteArrayView name, QByteArrayView arguments)
{
    if (equalsLower(name, "if")) {
        const bool parent = active();
        const bool value = conditionValue(arguments);
        m_conditionals.append({parent, parent && value, value});
    } else if (m_conditionals.isEmpty()) {
        return; // \elif/\else/\endif without \if: psql reports it and ignores it
    } else if (equalsLower(name, "elif")) {
        Conditional &top = m_conditionals.last();
        const bool value = !top.taken && conditionValue(arguments);
        top.active = top.parentActive && value;
        top.taken = top.taken || value;
    } else if (equalsLower(name, "else")) {
        Conditional &top = m_conditionals.last();
        top.active = top.parentActive && !top.taken;
        top.taken = true;
    } else if (equalsLower(name, "endif")) {
        m_conditionals.removeLast();
    }
}

void Scanner::flushSkipped(int upTo)
{
    if (m_skipStart < 0)
        return;
    int from = m_skipStart;
    int to = upTo;
    while (from < to && isSpace(at(from)))
        ++from;
    while (to > from && isSpace(at(to - 1)))
        --to;
    if (to > from)
        addRange(PsqlScanner::RangeKind::Skipped, from, to);
    m_skipStart = -1;
}

int Scanner::backslash(int i)
{
    const unsigned char next = at(i + 1);
    if (next == ';' || next == ':') {
        // `\;` joins statements into one query string for psql; the server still runs them one
        // by one, so the split treats it as a semicolon. `\:` is a literal colon.
        m_out[i] = ' ';
        return next == ':' ? i + 2 : i + 1;
    }

    int nameEnd = i + 1;
    while (nameEnd < m_size && !isSpace(at(nameEnd)) && at(nameEnd) != '\\')
        ++nameEnd;
    const QByteArrayView name(m_data + i + 1, nameEnd - i - 1);
    const int end = commandEnd(i, name, nameEnd);

    flushSkipped(i);
    const bool wasActive = active();
    conditional(name, QByteArrayView(m_data + nameEnd, end - nameEnd));
    addRange(PsqlScanner::RangeKind::MetaCommand, i, end);
    if (!active()) {
        m_skipStart = end;
        return end;
    }
    if (!wasActive)
        return end;

    for (const char *sender :
         {"g", "gx", "gset", "gexec", "gdesc", "crosstabview", "watch", "r", "reset"}) {
        if (!equalsLower(name, sender))
            continue;
        // The command sends (or resets) the query buffer: the statement ends here.
        if (m_pending)
            m_out[i] = ';';
        endStatement(i);
        break;
    }
    if (equalsLower(name, "copy") && looksLikeCopyFromStdin(QByteArrayView(m_data + i, end - i)))
        m_copyPending = true;
    return end;
}

int Scanner::colon(int i)
{
    const unsigned char next = at(i + 1);
    if (next == ':')
        return i + 2; // a cast
    if (next == '\'' || next == '"') {
        int j = i + 2;
        while (j < m_size && isVariableChar(at(j)))
            ++j;
        if (j > i + 2 && at(j) == next) {
            m_result.variables.append(i);
            m_out[i] = ' ';
        }
        return i + 1;
    }
    if (next == '{' && at(i + 2) == '?') {
        // :{?name} tests whether a variable exists; psql replaces it with TRUE or FALSE.
        int j = i + 3;
        while (j < m_size && isVariableChar(at(j)))
            ++j;
        if (j > i + 3 && at(j) == '}') {
            m_result.variables.append(i);
            blank(i, i + 3);
            m_out[j] = ' ';
            return j + 1;
        }
    }
    // `:name` is a psql variable unless it is an array bound such as a[1:n].
    if (isVariableChar(next) && m_bracket == 0) {
        m_result.variables.append(i);
        m_out[i] = ' ';
    }
    return i + 1;
}

void Scanner::endStatement(int terminator)
{
    if (m_pending)
        m_result.terminators.append(terminator);
    const qsizetype n = m_words.size();
    if (n >= 3 && equalsLower(m_words.at(0), "copy")) {
        for (qsizetype k = 1; k + 1 < n; ++k) {
            if (equalsLower(m_words.at(k), "from") && equalsLower(m_words.at(k + 1), "stdin"))
                m_copyPending = true;
        }
    }
    if (n >= 2 && equalsLower(m_words.at(1), "standard_conforming_strings")) {
        if (equalsLower(m_words.at(0), "reset")) {
            m_standardStrings = true;
        } else if (equalsLower(m_words.at(0), "set") && n >= 3) {
            const QByteArrayView value = m_words.last();
            if (equalsLower(value, "off") || equalsLower(value, "false")) {
                m_standardStrings = false;
                m_result.nonStandardStrings = true;
            } else if (equalsLower(value, "on") || equalsLower(value, "true"))
                m_standardStrings = true;
        }
    }
    m_words.clear();
    m_paren = m_bracket = m_beginDepth = 0;
    m_identifierCount = 0;
    std::memset(m_leading, 0, sizeof m_leading);
    m_pending = false;
}

// Called at the newline ending the line of a COPY … FROM STDIN. The data runs from the next line
// to a line holding only `\.`. When another COPY … FROM STDIN line or the end of the file comes
// first, the COPY failed on the server (psql then reads no data) and the lines are SQL again.
int Scanner::copyData(int newline)
{
    m_copyPending = false;
    const int start = newline + 1;
    int line = start;
    while (line < m_size) {
        const int end = lineEnd(line);
        QByteArrayView text(m_data + line, end - line);
        while (!text.isEmpty() && isSpace(uchar(text.back())))
            text.chop(1);
        if (text == QByteArrayView("\\.")) {
            // psql reads the data as soon as the COPY is sent, before the rest of its line: an
            // `\if` later on that line that starts a skipped branch skips from after the data.
            const bool skipping = m_skipStart >= 0;
            flushSkipped(start);
            addRange(PsqlScanner::RangeKind::CopyData, start, end);
            if (skipping)
                m_skipStart = end;
            return end;
        }
        if (looksLikeCopyFromStdin(text))
            break;
        line = end + 1;
    }
    return newline + 1;
}

PsqlScanner::Result Scanner::run()
{
    int i = 0;
    while (i < m_size) {
        const unsigned char c = uchar(m_data[i]);
        if (c == '\n') {
            i = m_copyPending ? copyData(i) : i + 1;
            continue;
        }
        if (isSpace(c)) {
            ++i;
            continue;
        }
        if (c == '-' && at(i + 1) == '-') {
            i = lineEnd(i);
            continue;
        }
        if (c == '/' && at(i + 1) == '*') {
            i = skipBlockComment(i);
            continue;
        }
        if (c == '\\') {
            i = backslash(i);
            continue;
        }
        if (!active()) {
            // Inside an \if branch psql skips: lex (to find the next backslash command) only.
            if (c == '\'')
                i = skipString(i, !m_standardStrings, false);
            else if (c == '"')
                i = skipQuotedIdentifier(i);
            else if (c == '$' && dollarTagEnd(i) > 0)
                i = skipDollarQuote(i, dollarTagEnd(i));
            else if (isIdentStart(c))
                i = identifier(i);
            else
                ++i;
            continue;
        }
        if (c == ';') {
            if (m_paren == 0 && m_beginDepth == 0)
                endStatement(i);
            else if (m_paren == 0)
                m_result.bodySemicolons.append(i);
            ++i;
            continue;
        }

        m_pending = true;
        if (c == '\'') {
            i = skipString(i, !m_standardStrings, true);
        } else if (c == '"') {
            const int end = skipQuotedIdentifier(i);
            // Doubled quotes count once, but names that long with quotes inside are rare enough
            // to count them as written.
            if (end - i - 2 > MaxIdentifierBytes)
                m_result.longIdentifiers.append({i + 1, end - i - 2});
            i = end;
        } else if (c == '$') {
            const int tagEnd = dollarTagEnd(i);
            if (tagEnd > 0) {
                i = skipDollarQuote(i, tagEnd);
            } else {
                ++i;
                while (i < m_size && isDigit(at(i)))
                    ++i; // $1 parameter
            }
        } else if (c == ':') {
            i = colon(i);
        } else if (isIdentStart(c)) {
            i = identifier(i);
        } else if (isDigit(c)) {
            while (i < m_size && (isIdentChar(at(i)) || at(i) == '.'))
                ++i; // numbers, including 1e10 and 0x1F
        } else {
            if (c == '(')
                ++m_paren;
            else if (c == ')')
                m_paren = qMax(0, m_paren - 1);
            else if (c == '[')
                ++m_bracket;
            else if (c == ']')
                m_bracket = qMax(0, m_bracket - 1);
            ++i;
        }
    }
    flushSkipped(m_size);
    return std::move(m_result);
}

} // namespace

PsqlScanner::Result PsqlScanner::scan(const QByteArray &utf8)
{
    return Scanner(utf8).run();
}
