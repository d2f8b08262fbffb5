#include "sqllexer.h"

#include "sql/sqlkeywords.h"

#include <Qsci/qsciscintilla.h>

#include <QColor>
#include <QFont>

namespace {

const char PgTypes[]
    = "bigint bigserial bit boolean bool box bytea char character cidr circle date decimal "
      "double float float4 float8 inet int int2 int4 int8 integer interval json jsonb line lseg "
      "macaddr money numeric oid path point polygon precision real regclass regproc regtype "
      "serial serial4 serial8 smallint smallserial text time timestamp timestamptz timetz "
      "tsquery tsvector uuid varchar varying void xid";

const char PgFunctions[]
    = "array_agg array_length avg bool_and bool_or coalesce concat count date_trunc extract "
      "format generate_series jsonb_agg jsonb_build_object json_agg length lower max min now "
      "pg_sleep regexp_replace row_number string_agg substring sum to_char trim unnest upper";

// What a line ends inside, kept in Scintilla's line state: the kind in the low bits, above it
// the comment depth or the dollar tag's number.
enum Kind { InCode = 0, InComment, InString, InEscapeString, InQuotedName, InBody };
constexpr int KindBits = 3;

bool isWordStart(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool isDigit(uchar c)
{
    return c >= '0' && c <= '9';
}

// PostgreSQL identifiers may contain '$' after the first character (a$b), dollar tags may not.
bool isWordChar(uchar c)
{
    return isWordStart(c) || isDigit(c) || c == '$';
}

// Length of the "$$" or "$tag$" delimiter at text[at], 0 when there is none (e.g. $1).
int dollarDelimiterLength(const QByteArray &text, int at)
{
    const int n = int(text.size());
    int i = at + 1;
    if (i < n && isWordStart(uchar(text[i]))) {
        while (i < n && (isWordStart(uchar(text[i])) || isDigit(uchar(text[i]))))
            ++i;
    }
    return i < n && text[i] == '$' ? i + 1 - at : 0;
}

QSet<QByteArray> wordSet(const char *words)
{
    QSet<QByteArray> set;
    if (!words)
        return set;
    for (const QByteArray &word : QByteArray(words).split(' ')) {
        if (!word.isEmpty())
            set.insert(word);
    }
    return set;
}

// Every key word of the grammar the linter parses with (libpg_query's table, so nothing is
// missed and nothing drifts), less those shown in the data type or function colour (integer,
// coalesce). Space separated, as Scintilla expects.
const QByteArray &pgKeywords()
{
    static const QByteArray words = [] {
        const QSet<QByteArray> others = wordSet(PgTypes) + wordSet(PgFunctions);
        QByteArrayList list;
        for (const SqlKeywords::Keyword &keyword : SqlKeywords::all()) {
            if (!others.contains(keyword.word))
                list.append(keyword.word);
        }
        return list.join(' ');
    }();
    return words;
}

} // namespace

SqlLexer::SqlLexer(QObject *parent)
    : QsciLexerSQL(parent)
{
    // PostgreSQL: '#' is an operator, backslashes are literal in standard strings, and
    // double quotes delimit identifiers.
    setHashComments(false);
    setBackslashEscapes(false);
    setQuotedIdentifiers(false);
    setFoldComments(true);
    setFoldCompact(false);

    setColor(QColor(0x1f, 0x23, 0x28), Default);
    setColor(QColor(0x1f, 0x23, 0x28), Identifier);
    setColor(QColor(0x8c, 0x8c, 0x8c), Comment);
    setColor(QColor(0x8c, 0x8c, 0x8c), CommentLine);
    setColor(QColor(0x8c, 0x8c, 0x8c), CommentDoc);
    setColor(QColor(0x17, 0x50, 0xeb), Number);
    setColor(QColor(0x00, 0x33, 0xb3), Keyword);
    setColor(QColor(0x87, 0x10, 0x94), DoubleQuotedString); // quoted identifiers in PostgreSQL
    setColor(QColor(0x06, 0x7d, 0x17), SingleQuotedString);
    setColor(QColor(0x4a, 0x4a, 0x4a), Operator);
    setColor(QColor(0x00, 0x7a, 0x7a), KeywordSet5);
    setColor(QColor(0x00, 0x62, 0x7a), KeywordSet6);
    setColor(QColor(0x6f, 0x42, 0xc1), KeywordSet7);
    setColor(QColor(0x87, 0x10, 0x94), KeywordSet8);
    setPaper(Qt::white, -1);

    m_wordSets = {wordSet(pgKeywords().constData()), wordSet(PgTypes), wordSet(PgFunctions), {}, {}};
}

int SqlLexer::lexerId() const
{
    return QsciScintillaBase::SCLEX_CONTAINER;
}

void SqlLexer::setEditor(QsciScintilla *newEditor)
{
    if (editor())
        disconnect(editor(), &QsciScintillaBase::SCN_STYLENEEDED, this, &SqlLexer::styleNeeded);
    QsciLexerSQL::setEditor(newEditor);
    if (newEditor)
        connect(newEditor, &QsciScintillaBase::SCN_STYLENEEDED, this, &SqlLexer::styleNeeded);
}

void SqlLexer::styleNeeded(int position)
{
    QsciScintilla *sci = editor();
    if (!sci)
        return;
    // Restart at the line where styling stopped; the line before says what it ended inside.
    const long styled = sci->SendScintilla(QsciScintillaBase::SCI_GETENDSTYLED);
    const long line = sci->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION,
                                         static_cast<unsigned long>(styled));
    const long start = sci->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE,
                                          static_cast<unsigned long>(line));
    if (position > start)
        styleText(int(start), position);
}

int SqlLexer::wordStyle(const QByteArray &word) const
{
    static constexpr int styles[] = {Keyword, KeywordSet5, KeywordSet6, KeywordSet7, KeywordSet8};
    const QByteArray lower = word.toLower();
    for (qsizetype set = 0; set < m_wordSets.size(); ++set) {
        if (m_wordSets.at(set).contains(lower))
            return styles[set];
    }
    return Identifier;
}

int SqlLexer::dollarTagIndex(const QByteArray &tag)
{
    qsizetype index = m_dollarTags.indexOf(tag);
    if (index < 0) {
        index = m_dollarTags.size();
        m_dollarTags.append(tag);
    }
    return int(index);
}

void SqlLexer::styleText(int start, int end)
{
    QsciScintilla *sci = editor();
    if (!sci)
        return;
    using Sci = QsciScintillaBase;
    const long length = sci->SendScintilla(Sci::SCI_GETLENGTH);
    long line = sci->SendScintilla(Sci::SCI_LINEFROMPOSITION, static_cast<unsigned long>(start));
    // Whole lines, so every line styled here gets its end state.
    const long lastLine = sci->SendScintilla(Sci::SCI_LINEFROMPOSITION,
                                             static_cast<unsigned long>(end));
    end = int(qMin(length,
                   sci->SendScintilla(Sci::SCI_POSITIONFROMLINE,
                                      static_cast<unsigned long>(lastLine + 1))));
    if (end <= start)
        end = int(length);
    const int n = end - start;
    if (n <= 0)
        return;
    QByteArray text(n + 1, '\0');
    sci->SendScintilla(Sci::SCI_GETTEXTRANGE, long(start), long(end), text.data());
    text.resize(n);
    QByteArray styles(n, char(Default));

    const int previous = line > 0 ? int(sci->SendScintilla(Sci::SCI_GETLINESTATE,
                                                           static_cast<unsigned long>(line - 1)))
                                  : 0;
    int kind = previous & ((1 << KindBits) - 1);
    int value = previous >> KindBits;
    if (kind == InBody && value >= m_dollarTags.size())
        kind = InCode; // cannot happen short of a foreign line state; be safe
    auto at = [&](int i) { return i < n ? uchar(text[i]) : uchar(0); };
    auto lineEnds = [&](int i) { return at(i) == '\n' || (at(i) == '\r' && at(i + 1) != '\n'); };
    // Styles one byte; at a line end the state goes into the line's state.
    auto put = [&](int &i, int style) {
        styles[i] = char(style);
        if (lineEnds(i))
            sci->SendScintilla(Sci::SCI_SETLINESTATE,
                               static_cast<unsigned long>(line++),
                               long(kind | (value << KindBits)));
        ++i;
    };

    int i = 0;
    while (i < n) {
        const uchar c = at(i);
        switch (kind) {
        case InComment: // PostgreSQL's block comments nest
            if (c == '*' && at(i + 1) == '/') {
                if (--value == 0)
                    kind = InCode;
                put(i, Comment);
            } else if (c == '/' && at(i + 1) == '*') {
                ++value;
                put(i, Comment);
            }
            put(i, Comment);
            continue;
        case InString:
        case InEscapeString:
            if (kind == InEscapeString && c == '\\' && i + 1 < n) {
                put(i, SingleQuotedString);
            } else if (c == '\'') {
                if (at(i + 1) == '\'') // '' is a quote inside the string
                    put(i, SingleQuotedString);
                else
                    kind = InCode;
            }
            put(i, SingleQuotedString);
            continue;
        case InQuotedName:
            if (c == '"') {
                if (at(i + 1) == '"')
                    put(i, DoubleQuotedString);
                else
                    kind = InCode;
            }
            put(i, DoubleQuotedString);
            continue;
        case InBody: {
            // Only the same tag closes the body: $q$ inside $fn$ … $fn$ is just text.
            const QByteArray &tag = m_dollarTags.at(value);
            if (c == '$' && text.mid(i, tag.size()) == tag) {
                kind = InCode;
                value = 0;
                for (qsizetype k = 0; k < tag.size(); ++k)
                    put(i, SingleQuotedString);
            } else {
                put(i, SingleQuotedString);
            }
            continue;
        }
        default:
            break;
        }

        if (c == '-' && at(i + 1) == '-') {
            while (i < n && at(i) != '\n' && at(i) != '\r')
                put(i, CommentLine);
        } else if (c == '/' && at(i + 1) == '*') {
            kind = InComment;
            value = 1;
            put(i, Comment);
            put(i, Comment);
        } else if (c == '\'') {
            kind = InString;
            put(i, SingleQuotedString);
        } else if (c == '"') {
            kind = InQuotedName;
            put(i, DoubleQuotedString);
        } else if (c == '$') {
            if (const int delimiter = dollarDelimiterLength(text, i)) {
                kind = InBody;
                value = dollarTagIndex(text.mid(i, delimiter));
                for (int k = 0; k < delimiter; ++k)
                    put(i, SingleQuotedString);
            } else if (isDigit(at(i + 1))) { // $1: a parameter, not a quote
                put(i, Identifier);
                while (isDigit(at(i)))
                    put(i, Identifier);
            } else {
                put(i, Operator);
            }
        } else if (isWordStart(c)) {
            int j = i;
            while (j < n && isWordChar(at(j)))
                ++j;
            const QByteArray word = text.mid(i, j - i);
            const QByteArray lower = word.toLower();
            // E'…' (backslash escapes), B'…', X'…', N'…', U&'…' and U&"…".
            const bool prefix = at(j) == '\''
                                && (lower == "e" || lower == "b" || lower == "x" || lower == "n");
            const bool unicode = lower == "u" && at(j) == '&'
                                 && (at(j + 1) == '\'' || at(j + 1) == '"');
            if (prefix || unicode) {
                const uchar quote = unicode ? at(j + 1) : '\'';
                kind = quote == '"' ? InQuotedName : lower == "e" ? InEscapeString : InString;
                const int style = quote == '"' ? DoubleQuotedString : SingleQuotedString;
                const int opening = unicode ? j + 2 : j + 1;
                while (i < opening)
                    put(i, style);
            } else {
                const int style = wordStyle(word);
                while (i < j)
                    put(i, style);
            }
        } else if (isDigit(c) || (c == '.' && isDigit(at(i + 1)))) {
            // One decimal point at most: "1..10" is a PL/pgSQL range, not a number.
            while (isDigit(at(i)) || at(i) == '_')
                put(i, Number);
            if (at(i) == '.' && at(i + 1) != '.') {
                put(i, Number);
                while (isDigit(at(i)) || at(i) == '_')
                    put(i, Number);
            }
            if ((at(i) == 'e' || at(i) == 'E')
                && (isDigit(at(i + 1))
                    || ((at(i + 1) == '+' || at(i + 1) == '-') && isDigit(at(i + 2))))) {
                put(i, Number);
                put(i, Number);
                while (isDigit(at(i)))
                    put(i, Number);
            }
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            put(i, Default);
        } else {
            put(i, Operator);
        }
    }

    sci->SendScintilla(Sci::SCI_STARTSTYLING, static_cast<unsigned long>(start), 0L);
    sci->SendScintilla(Sci::SCI_SETSTYLINGEX, static_cast<unsigned long>(n), styles.constData());
}

void SqlLexer::applyFont(const QFont &font)
{
    setDefaultFont(font);
    setFont(font, -1);
    QFont bold = font;
    bold.setBold(true);
    setFont(bold, Keyword);
    QFont italic = font;
    italic.setItalic(true);
    setFont(italic, Comment);
    setFont(italic, CommentLine);
    setFont(italic, CommentDoc);
}

const char *SqlLexer::keywords(int set) const
{
    switch (set) {
    case Keywords:
        return pgKeywords().constData();
    case Types:
        return PgTypes;
    case Functions:
        return PgFunctions;
    case Tables:
        return m_tables.constData();
    case Columns:
        return m_columns.constData();
    default:
        return nullptr;
    }
}

QString SqlLexer::description(int style) const
{
    switch (style) {
    case KeywordSet5:
        return tr("Data types");
    case KeywordSet6:
        return tr("Functions");
    case KeywordSet7:
        return tr("Tables");
    case KeywordSet8:
        return tr("Columns");
    default:
        return QsciLexerSQL::description(style);
    }
}

void SqlLexer::setSchemaWords(KeywordSet set, const QStringList &words)
{
    const QByteArray joined = words.join(QLatin1Char(' ')).toLower().toUtf8();
    if (set == Tables) {
        m_tables = joined;
        m_wordSets[3] = wordSet(m_tables.constData());
    } else if (set == Columns) {
        m_columns = joined;
        m_wordSets[4] = wordSet(m_columns.constData());
    }
}
