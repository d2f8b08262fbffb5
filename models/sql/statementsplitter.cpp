#include "statementsplitter.h"

#include <QByteArray>
#include <QList>

#include <pg_query.h>

#include <algorithm>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Skips whitespace and comments (nested block comments included) in [i, end).
int skipSpaceAndComments(const QByteArray &text, int i, int end)
{
    while (i < end) {
        const char c = text.at(i);
        if (isSpace(c)) {
            ++i;
        } else if (c == '-' && i + 1 < end && text.at(i + 1) == '-') {
            while (i < end && text.at(i) != '\n')
                ++i;
        } else if (c == '/' && i + 1 < end && text.at(i + 1) == '*') {
            int depth = 0;
            while (i < end) {
                if (text.at(i) == '/' && i + 1 < end && text.at(i + 1) == '*') {
                    ++depth;
                    i += 2;
                } else if (text.at(i) == '*' && i + 1 < end && text.at(i + 1) == '/') {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++i;
                }
            }
        } else {
            break;
        }
    }
    return i;
}

SqlStatement makeStatement(SqlStatement::Kind kind,
                           int byteStart,
                           int byteEnd,
                           const TextPositions &positions,
                           TextPositions::Cursor *cursor)
{
    SqlStatement statement;
    statement.kind = kind;
    statement.byteStart = byteStart;
    statement.byteLength = byteEnd - byteStart;
    statement.start = positions.charFromByte(byteStart, cursor);
    statement.length = positions.charFromByte(byteEnd, cursor) - statement.start;
    statement.line = positions.lineOfChar(statement.start);
    statement.column = statement.start - positions.lineStartChar(statement.line) + 1;
    statement.endLine = positions.lineOfChar(qMax(statement.start, statement.end() - 1));
    return statement;
}

SqlStatement::Kind kindOf(PsqlScanner::RangeKind kind)
{
    switch (kind) {
    case PsqlScanner::RangeKind::CopyData:
        return SqlStatement::Kind::CopyData;
    case PsqlScanner::RangeKind::Skipped:
        return SqlStatement::Kind::Skipped;
    case PsqlScanner::RangeKind::MetaCommand:
        break;
    }
    return SqlStatement::Kind::MetaCommand;
}

} // namespace

SqlScript StatementSplitter::assemble(const QString &text,
                                      const QByteArray &utf8,
                                      const PsqlScanner::Result &scan,
                                      const QList<ParserRange> &ranges)
{
    const QByteArray &parserText = scan.masked;
    const int size = int(parserText.size());
    const TextPositions positions(text, utf8);

    QList<SqlStatement> statements;
    statements.reserve(ranges.size() + scan.ranges.size());
    qsizetype nextRange = 0;
    qsizetype nextVariable = 0;
    int lastSqlEnd = 0;
    TextPositions::Cursor cursor;
    auto flushPsqlRanges = [&](int before) {
        while (nextRange < scan.ranges.size() && scan.ranges.at(nextRange).start < before) {
            const PsqlScanner::Range &r = scan.ranges.at(nextRange++);
            SqlStatement piece = makeStatement(kindOf(r.kind),
                                               r.start,
                                               r.start + r.length,
                                               positions,
                                               &cursor);
            piece.nested = lastSqlEnd > r.start;
            statements.append(piece);
        }
    };

    for (const ParserRange &range : ranges) {
        const int from = qBound(0, range.location, size);
        const int to = range.length >= 0 ? qBound(from, range.location + range.length, size) : size;
        const int start = skipSpaceAndComments(parserText, from, to);
        int end = to;
        while (end > start && isSpace(parserText.at(end - 1)))
            --end;
        if (end <= start)
            continue;
        flushPsqlRanges(start);
        SqlStatement statement = makeStatement(SqlStatement::Kind::Sql,
                                               start,
                                               end,
                                               positions,
                                               &cursor);
        while (nextVariable < scan.variables.size() && scan.variables.at(nextVariable) < end) {
            if (scan.variables.at(nextVariable++) >= start)
                statement.usesVariables = true;
        }
        statements.append(statement);
        lastSqlEnd = end;
    }
    flushPsqlRanges(size + 1);
    SqlScript script(text, utf8, parserText, std::move(statements), positions);
    script.setLongIdentifiers(scan.longIdentifiers);
    return script;
}

QList<StatementSplitter::ParserRange> StatementSplitter::psqlRanges(const PsqlScanner::Result &scan)
{
    QList<ParserRange> ranges;
    ranges.reserve(scan.terminators.size() + 1);
    int from = 0;
    for (const int terminator : scan.terminators) {
        ranges.append({from, terminator - from});
        from = terminator + 1;
    }
    ranges.append({from, -1});
    return ranges;
}

QList<StatementSplitter::ParserRange> StatementSplitter::fallbackRanges(
    const PsqlScanner::Result &scan)
{
    // The lexer reads every string as standard_conforming_strings = on; once the script turns
    // that off, only psql's reading (which follows the server) puts the quotes right.
    if (scan.nonStandardStrings)
        return psqlRanges(scan);
    const QByteArray &text = scan.masked;
    const int size = int(text.size());
    PgQuerySplitResult result = pg_query_split_with_scanner(text.constData());
    if (result.error) {
        // An unterminated quote or an invalid escape: the lexer read nothing after it.
        pg_query_free_split_result(result);
        return psqlRanges(scan);
    }

    auto inBody = [&scan](int semicolon) {
        return std::binary_search(scan.bodySemicolons.cbegin(),
                                  scan.bodySemicolons.cend(),
                                  semicolon);
    };
    // Byte offsets where a statement ends (its ';', or the psql command that sends it).
    QList<int> cuts;
    auto addLexerCut = [&](int semicolon) {
        if (semicolon >= 0 && semicolon < size && text.at(semicolon) == ';' && !inBody(semicolon))
            cuts.append(semicolon);
    };
    // psql's terminators in [from, to); `all`: also its semicolons, not only its own commands.
    auto addPsqlCuts = [&](int from, int to, bool all) {
        auto it = std::lower_bound(scan.terminators.cbegin(), scan.terminators.cend(), from);
        for (; it != scan.terminators.cend() && *it < to; ++it) {
            if (all || text.at(*it) != ';')
                cuts.append(*it);
        }
    };
    int covered = 0;
    for (int i = 0; i < result.n_stmts; ++i) {
        const int start = qBound(covered, result.stmts[i]->stmt_location, size);
        const int length = result.stmts[i]->stmt_len;
        const int end = length > 0 ? qBound(start, start + length, size) : size;
        // Text the lexer dropped before this statement (it keeps only statements holding a
        // key word, so `SELEC 1;` is not there): psql's cut.
        addPsqlCuts(covered, start, true);
        addLexerCut(start - 1);
        // \g or \; inside: blanked for the lexer, but psql sends the statement there.
        addPsqlCuts(start, end, false);
        addLexerCut(end);
        covered = qMin(size, end + 1);
    }
    pg_query_free_split_result(result);
    // After the last statement it kept (or all of it, when an unbalanced ')' made the lexer
    // wait for a ';' that never came).
    addPsqlCuts(covered, size, true);

    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    QList<ParserRange> ranges;
    ranges.reserve(cuts.size() + 1);
    int from = 0;
    for (const int cut : std::as_const(cuts)) {
        ranges.append({from, cut - from});
        from = cut + 1;
    }
    ranges.append({from, -1});
    return ranges;
}

int StatementSplitter::byteFromCursorPosition(const QByteArray &utf8, int cursorPosition)
{
    int codePoints = 0;
    for (int byte = 0; byte < utf8.size(); ++byte) {
        if ((uchar(utf8.at(byte)) & 0xC0) == 0x80)
            continue;
        if (++codePoints == cursorPosition)
            return byte;
    }
    return int(utf8.size());
}

SqlScript StatementSplitter::splitScript(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const PsqlScanner::Result scan = PsqlScanner::scan(utf8);

    PgQuerySplitResult result = pg_query_split_with_parser(scan.masked.constData());
    QList<ParserRange> ranges;
    QString error;
    int errorByte = -1;
    if (result.error) {
        error = QString::fromUtf8(result.error->message);
        errorByte = byteFromCursorPosition(scan.masked, result.error->cursorpos);
    } else {
        ranges.reserve(result.n_stmts);
        for (int i = 0; i < result.n_stmts; ++i)
            ranges.append(fromParser(result.stmts[i]->stmt_location, result.stmts[i]->stmt_len));
    }
    pg_query_free_split_result(result);

    if (!error.isEmpty())
        ranges = fallbackRanges(scan);
    SqlScript script = assemble(text, utf8, scan, ranges);
    if (!error.isEmpty())
        script.setSyntaxError(error, errorByte);
    return script;
}

QList<StatementRange> StatementSplitter::split(const QString &sql)
{
    const SqlScript script = splitScript(sql);
    QList<StatementRange> ranges;
    for (const SqlStatement &statement : script.statements()) {
        if (statement.isSql())
            ranges.append({statement.start, statement.length, script.textOf(statement)});
    }
    return ranges;
}

StatementRange StatementSplitter::statementAt(const QString &sql, int cursor)
{
    const SqlScript script = splitScript(sql);
    const int index = script.sqlStatementAt(cursor);
    if (index < 0)
        return {};
    const SqlStatement &statement = script.statements().at(index);
    return {statement.start, statement.length, script.textOf(statement)};
}
