#include "dryrunequivalent.h"

#include "parsedscript.h"
#include "statementkind.h"

#include <QList>

namespace {

// A token of the statement text: just enough of PostgreSQL's lexer to find key words outside
// strings, quoted names and comments.
struct Token
{
    int start = 0;
    int end = 0;
    bool word = false;
};

bool isWordStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

int skipQuoted(const QString &sql, int i, QChar quote, bool backslashEscapes)
{
    const int n = int(sql.size());
    ++i;
    while (i < n) {
        if (backslashEscapes && sql.at(i) == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        if (sql.at(i) == quote) {
            if (i + 1 < n && sql.at(i + 1) == quote) {
                i += 2; // a doubled quote stands for one
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return n;
}

QList<Token> tokens(const QString &sql)
{
    QList<Token> out;
    const int n = int(sql.size());
    int i = 0;
    while (i < n) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            int depth = 0;
            while (i < n) {
                if (sql.at(i) == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
                    ++depth;
                    i += 2;
                } else if (sql.at(i) == QLatin1Char('*') && i + 1 < n
                           && sql.at(i + 1) == QLatin1Char('/')) {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++i;
                }
            }
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const int end = skipQuoted(sql, i, c, false);
            out.append({i, end, false});
            i = end;
        } else if ((c == QLatin1Char('E') || c == QLatin1Char('e')) && next == QLatin1Char('\'')) {
            const int end = skipQuoted(sql, i + 1, next, true);
            out.append({i, end, false});
            i = end;
        } else if (c == QLatin1Char('$')) {
            int j = i + 1;
            while (j < n && isWordChar(sql.at(j)) && sql.at(j) != QLatin1Char('$'))
                ++j;
            if (j < n && sql.at(j) == QLatin1Char('$')) {
                const QString tag = sql.mid(i, j - i + 1);
                const int close = int(sql.indexOf(tag, j + 1));
                const int end = close < 0 ? n : close + int(tag.size());
                out.append({i, end, false});
                i = end;
            } else {
                out.append({i, j, false}); // $1
                i = j;
            }
        } else if (isWordStart(c)) {
            int j = i + 1;
            while (j < n && isWordChar(sql.at(j)))
                ++j;
            out.append({i, j, true});
            i = j;
        } else {
            out.append({i, i + 1, false});
            ++i;
        }
    }
    return out;
}

bool isWord(const QString &sql, const Token &token, QLatin1StringView word)
{
    return token.word
           && QStringView(sql).sliced(token.start, token.end - token.start).compare(word, Qt::CaseInsensitive)
                  == 0;
}

bool isSymbol(const QString &sql, const Token &token, char symbol)
{
    return !token.word && token.end == token.start + 1 && sql.at(token.start) == QLatin1Char(symbol);
}

// Removes the CONCURRENTLY key word: the bare word (CREATE INDEX CONCURRENTLY, REINDEX INDEX
// CONCURRENTLY), or the option in REINDEX's list with its value and one comma, dropping the
// list when nothing is left in it.
QString withoutConcurrently(const QString &sql)
{
    const QList<Token> list = tokens(sql);
    for (int k = 0; k < list.size(); ++k) {
        if (!isWord(sql, list.at(k), QLatin1StringView("concurrently")))
            continue;
        int from = list.at(k).start;
        int to = list.at(k).end;
        const bool inList = k > 0
                            && (isSymbol(sql, list.at(k - 1), '(')
                                || isSymbol(sql, list.at(k - 1), ','));
        if (!inList) // the unreserved word; no quoted name can match it
            return sql.left(from) + sql.mid(to);
        int last = k;
        if (last + 1 < list.size() && !isSymbol(sql, list.at(last + 1), ',')
            && !isSymbol(sql, list.at(last + 1), ')'))
            ++last; // CONCURRENTLY true / on / 1
        to = list.at(last).end;
        if (last + 1 < list.size() && isSymbol(sql, list.at(last + 1), ',')) {
            to = list.at(last + 1).end; // "(CONCURRENTLY, VERBOSE)": the comma after it
            while (to < sql.size() && sql.at(to).isSpace())
                ++to;
        } else if (isSymbol(sql, list.at(k - 1), ',')) {
            from = list.at(k - 1).start; // "(VERBOSE, CONCURRENTLY)": the comma before it
        } else if (isSymbol(sql, list.at(k - 1), '(') && last + 1 < list.size()
                   && isSymbol(sql, list.at(last + 1), ')')) {
            from = list.at(k - 1).start; // "(CONCURRENTLY)": the whole list
            to = list.at(last + 1).end;
        }
        return sql.left(from) + sql.mid(to);
    }
    return {};
}

} // namespace

namespace DryRunEquivalent {

QString realLockMode(const QString &reason)
{
    if (reason == QLatin1String("CREATE INDEX CONCURRENTLY")
        || reason == QLatin1String("DROP INDEX CONCURRENTLY")
        || reason == QLatin1String("REINDEX CONCURRENTLY")
        || reason == QLatin1String("DETACH PARTITION CONCURRENTLY"))
        return QStringLiteral("ShareUpdateExclusiveLock");
    return {};
}

QString of(const QString &sql, const QString &reason)
{
    if (realLockMode(reason).isEmpty())
        return {};
    const QString rewritten = withoutConcurrently(sql);
    if (rewritten.isEmpty())
        return {};
    // What is left must be one statement that runs in a transaction: REINDEX SCHEMA stays
    // refused without CONCURRENTLY, and a rewrite that broke the text is no rehearsal.
    const ParsedScript parsed = ParsedScript::parse(rewritten);
    if (parsed.statements().size() != 1 || !parsed.statements().first().ok()
        || !StatementKind::nonTransactionalReason(parsed.statements().first().node).isEmpty())
        return {};
    return rewritten.trimmed();
}

} // namespace DryRunEquivalent
