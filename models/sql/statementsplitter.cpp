#include "statementsplitter.h"

#include <QByteArray>
#include <QList>

#include <pg_query.h>

namespace {
// Maps UTF-8 byte offsets (what libpg_query reports) to QString character offsets.
QList<int> byteToCharIndex(const QString &text, const QByteArray &utf8)
{
    QList<int> map(utf8.size() + 1, 0);
    int byte = 0;
    for (int i = 0; i < text.size(); ++i) {
        const char32_t c = text.at(i).unicode();
        int width = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            width = 4;
            for (int k = 0; k < width; ++k)
                map[byte + k] = i;
            byte += width;
            ++i;
            continue;
        }
        for (int k = 0; k < width && byte + k < map.size(); ++k)
            map[byte + k] = i;
        byte += width;
    }
    for (int k = byte; k < map.size(); ++k)
        map[k] = int(text.size());
    return map;
}
} // namespace

QList<StatementRange> StatementSplitter::split(const QString &sql)
{
    QList<StatementRange> ranges;
    const QByteArray utf8 = sql.toUtf8();
    PgQuerySplitResult result = pg_query_split_with_scanner(utf8.constData());
    if (!result.error) {
        const QList<int> map = byteToCharIndex(sql, utf8);
        for (int i = 0; i < result.n_stmts; ++i) {
            const PgQuerySplitStmt *stmt = result.stmts[i];
            int start = map.at(stmt->stmt_location);
            const int end = map.at(stmt->stmt_location + stmt->stmt_len);
            while (start < end && sql.at(start).isSpace())
                ++start;
            if (start >= end)
                continue;
            StatementRange range;
            range.start = start;
            range.length = end - start;
            range.text = sql.mid(start, range.length);
            ranges.append(range);
        }
    }
    pg_query_free_split_result(result);
    return ranges;
}

StatementRange StatementSplitter::statementAt(const QString &sql, int cursor)
{
    const QList<StatementRange> ranges = split(sql);
    StatementRange best;
    for (const StatementRange &range : ranges) {
        // A cursor right after the statement (on its semicolon, or on the blank space after it)
        // still means that statement, as in other SQL consoles.
        if (range.start <= cursor || best.text.isEmpty())
            best = range;
        if (cursor <= range.start + range.length)
            break;
    }
    return best;
}
