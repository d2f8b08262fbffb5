#include "parsedscript.h"

#include "pgnodeaccess.h"
#include "psqlscanner.h"
#include "statementsplitter.h"

#include <QCoreApplication>

#include <pg_query.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace {

// A simdjson parser with its padded input buffer. Parsing a 20 MB tree allocates tens of
// megabytes; keeping the last one for the next parse (an editor re-lints all the time) saves
// the allocation and its page faults. One spare is enough: parses rarely overlap.
struct JsonParser
{
    simdjson::dom::parser parser;
    std::vector<char> buffer;

    simdjson::simdjson_result<simdjson::dom::element> parse(const char *json, size_t length)
    {
        if (buffer.size() < length + simdjson::SIMDJSON_PADDING)
            buffer.resize(length + simdjson::SIMDJSON_PADDING);
        std::memcpy(buffer.data(), json, length);
        return parser.parse(buffer.data(), length, false);
    }
};

std::mutex spareMutex;
std::vector<std::unique_ptr<JsonParser>> spares;
constexpr size_t MaxSpares = 4; // one per parallel piece of a big script

std::unique_ptr<JsonParser> takeParser()
{
    const std::lock_guard<std::mutex> lock(spareMutex);
    if (spares.empty())
        return std::make_unique<JsonParser>();
    std::unique_ptr<JsonParser> parser = std::move(spares.back());
    spares.pop_back();
    return parser;
}

void returnParser(std::unique_ptr<JsonParser> parser)
{
    const std::lock_guard<std::mutex> lock(spareMutex);
    if (parser && spares.size() < MaxSpares)
        spares.push_back(std::move(parser));
}

} // namespace

struct ParsedScript::Data
{
    SqlScript script;
    QList<ParsedStatement> statements;
    // Own the trees every PgNode points into: one per piece parsed, one for a script with errors.
    std::vector<std::unique_ptr<JsonParser>> json;

    ~Data()
    {
        for (std::unique_ptr<JsonParser> &parser : json)
            returnParser(std::move(parser));
    }
};

namespace {

using simdjson::dom::element;

bool isVariableChar(char c)
{
    const uchar u = uchar(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
           || u >= 0x80;
}

// The statement's parser text with bare :name variables read as nothing instead of a name.
QByteArray withoutBareVariables(const QByteArray &parserText,
                                const SqlStatement &statement,
                                const QList<int> &variables)
{
    QByteArray text = parserText.mid(statement.byteStart, statement.byteLength);
    for (const int colon : variables) {
        if (colon < statement.byteStart || colon >= statement.byteEnd())
            continue;
        int i = colon - statement.byteStart + 1;
        if (i < text.size() && (text.at(i) == '\'' || text.at(i) == '"'))
            continue;
        while (i < text.size() && isVariableChar(text.at(i)))
            text[i++] = ' ';
    }
    return text;
}

// A run of whole statements of the parser text, parsed on its own. Ranges and the error byte
// are in bytes of the whole text; node locations are relative to `offset`.
struct Piece
{
    int offset = 0;
    QByteArray text;
    std::unique_ptr<JsonParser> json; // owns the trees in `nodes`
    QList<StatementSplitter::ParserRange> ranges;
    QList<element> nodes;
    QString error;
    int errorByte = -1;

    Piece() = default;
    Piece(Piece &&) = default;
    Piece &operator=(Piece &&) = default;
    ~Piece() { returnParser(std::move(json)); }

    void parse()
    {
        PgQueryParseResult result = pg_query_parse(text.constData());
        if (result.error) {
            error = QString::fromUtf8(result.error->message);
            errorByte = offset
                        + StatementSplitter::byteFromCursorPosition(text, result.error->cursorpos);
            pg_query_free_parse_result(result);
            return;
        }
        json = takeParser();
        const size_t length = std::char_traits<char>::length(result.parse_tree);
        element root;
        simdjson::dom::array stmts;
        if (json->parse(result.parse_tree, length).get(root) == simdjson::SUCCESS
            && root["stmts"].get_array().get(stmts) == simdjson::SUCCESS) {
            for (const element raw : stmts) {
                // Zero values are omitted from the JSON, so a missing field means 0, and a
                // length of 0 means "to the end" (of this piece).
                int64_t location = 0;
                int64_t len = 0;
                if (raw["stmt_location"].get_int64().get(location) != simdjson::SUCCESS)
                    location = 0;
                if (raw["stmt_len"].get_int64().get(len) != simdjson::SUCCESS)
                    len = 0;
                const int from = offset + int(location);
                ranges.append({from, len > 0 ? int(len) : offset + int(text.size()) - from});
                element node;
                if (raw["stmt"].get(node) != simdjson::SUCCESS)
                    node = element();
                nodes.append(node);
            }
        }
        pg_query_free_parse_result(result);
    }
};

// Big scripts are cut at psql's statement ends into one piece per core (at least two, so the
// cutting works the same on every machine), and the pieces parsed at the same time (libpg_query
// keeps its parser state per thread): the grammar is most of the time a lint takes. Below this
// size a thread costs more than it saves.
constexpr int MinPieceBytes = 256 * 1024;

int pieceCount(int bytes)
{
    const int cores = int(qBound(2u, std::thread::hardware_concurrency(), 8u));
    return qBound(1, bytes / MinPieceBytes, cores);
}

// The parsed pieces, in order.
std::vector<Piece> parsePieces(const PsqlScanner::Result &scan)
{
    const QByteArray &text = scan.masked;
    const int size = int(text.size());
    const int count = pieceCount(size);
    std::vector<Piece> pieces;
    int from = 0;
    for (int k = 1; k <= count && from < size; ++k) {
        int to = size;
        if (k < count) {
            const int target = int(qint64(size) * k / count);
            const auto cut = std::lower_bound(scan.terminators.cbegin(),
                                              scan.terminators.cend(),
                                              target);
            to = cut == scan.terminators.cend() ? size : qMax(from, *cut + 1);
        }
        Piece piece;
        piece.offset = from;
        piece.text = count == 1 ? text : text.mid(from, to - from);
        pieces.push_back(std::move(piece));
        from = to;
    }
    if (pieces.empty())
        pieces.resize(1); // an empty script

    std::vector<std::thread> workers;
    for (size_t k = 1; k < pieces.size(); ++k) {
        try {
            workers.emplace_back([&pieces, k] { pieces[k].parse(); });
        } catch (const std::system_error &) {
            pieces[k].parse(); // no thread to be had: parse it here
        }
    }
    pieces.front().parse();
    for (std::thread &worker : workers)
        worker.join();
    return pieces;
}

bool anyError(const std::vector<Piece> &pieces)
{
    return std::any_of(pieces.cbegin(), pieces.cend(), [](const Piece &piece) {
        return !piece.error.isEmpty();
    });
}

// PsqlScanner blanks NUL bytes so that the parser reads past them, but PostgreSQL accepts no NUL
// in a query: the statement holding one (or the next, for a NUL between statements) becomes an
// error at that byte.
void markNulBytes(const SqlScript &script,
                  QList<ParsedStatement> *statements,
                  const QList<int> &nulBytes)
{
    qsizetype next = 0;
    for (const int nul : nulBytes) {
        while (next < statements->size()
               && script.statements().at(statements->at(next).index).byteEnd() <= nul)
            ++next;
        if (next == statements->size())
            return;
        ParsedStatement &statement = (*statements)[next];
        if (statement.errorByte >= 0 && statement.errorByte <= nul)
            continue; // an earlier error in the same statement is reported already
        statement.node = PgNode();
        statement.error = QCoreApplication::translate("ParsedScript",
                                                      "contains a NUL byte, which PostgreSQL "
                                                      "does not accept in SQL text (binary file?)");
        statement.errorByte = nul;
    }
}

} // namespace

ParsedScript::ParsedScript()
    : d(std::make_shared<Data>())
{}

const SqlScript &ParsedScript::script() const
{
    return d->script;
}

const QList<ParsedStatement> &ParsedScript::statements() const
{
    return d->statements;
}

ParsedScript ParsedScript::parse(const QString &text)
{
    auto data = std::make_shared<Data>();
    const QByteArray utf8 = text.toUtf8();
    const PsqlScanner::Result scan = PsqlScanner::scan(utf8);

    std::vector<Piece> pieces = parsePieces(scan);
    if (pieces.size() > 1 && anyError(pieces)) {
        // The grammar rejected a piece: parse once more as a whole, for the error PostgreSQL
        // reports on the full text (and in case a cut went where the grammar would not cut).
        pieces.clear();
        pieces.resize(1);
        pieces.front().text = scan.masked;
        pieces.front().parse();
    }
    if (pieces.front().error.isEmpty()) {
        QList<StatementSplitter::ParserRange> ranges;
        QList<element> nodes;
        QList<int> bases; // each node's piece offset
        for (Piece &piece : pieces) {
            ranges.append(piece.ranges);
            nodes.append(piece.nodes);
            bases.append(QList<int>(piece.nodes.size(), piece.offset));
            data->json.push_back(std::move(piece.json));
        }
        data->script = StatementSplitter::assemble(text, utf8, scan, ranges);
        // libpg_query never reports an empty statement, so its statements and the SQL pieces
        // of the script correspond one to one, in order.
        qsizetype next = 0;
        const QList<SqlStatement> &statements = data->script.statements();
        for (int i = 0; i < statements.size(); ++i) {
            if (!statements.at(i).isSql())
                continue;
            ParsedStatement parsed;
            parsed.index = i;
            if (next < nodes.size()) {
                parsed.locationBase = bases.at(next);
                parsed.node = PgNodeAccess::make(nodes.at(next++));
            }
            data->statements.append(parsed);
        }
        markNulBytes(data->script, &data->statements, scan.nulBytes);
        return ParsedScript(std::move(data));
    }
    const QString wholeError = pieces.front().error;
    const int wholeErrorByte = pieces.front().errorByte;

    // The grammar rejected something: cut with the lexer (and psql where the lexer's cut is
    // not to be trusted) and parse statement by statement, then read all trees in one JSON
    // array.
    data->script = StatementSplitter::assemble(text,
                                               utf8,
                                               scan,
                                               StatementSplitter::fallbackRanges(scan));
    data->script.setSyntaxError(wholeError, wholeErrorByte);
    std::string combined = "[";
    const QList<SqlStatement> &statements = data->script.statements();
    for (int i = 0; i < statements.size(); ++i) {
        const SqlStatement &piece = statements.at(i);
        if (!piece.isSql())
            continue;
        ParsedStatement parsed;
        parsed.index = i;
        parsed.locationBase = piece.byteStart;
        QByteArray source = scan.masked.mid(piece.byteStart, piece.byteLength);
        PgQueryParseResult one = pg_query_parse(source.constData());
        if (one.error && piece.usesVariables) {
            const QByteArray alternative = withoutBareVariables(scan.masked, piece, scan.variables);
            PgQueryParseResult retry = pg_query_parse(alternative.constData());
            if (!retry.error) {
                pg_query_free_parse_result(one);
                one = retry;
                source = alternative;
            } else {
                pg_query_free_parse_result(retry);
            }
        }
        if (combined.size() > 1)
            combined += ',';
        if (one.error) {
            parsed.error = QString::fromUtf8(one.error->message);
            parsed.errorByte = piece.byteStart
                               + StatementSplitter::byteFromCursorPosition(source,
                                                                           one.error->cursorpos);
            combined += "null";
        } else {
            combined += one.parse_tree;
        }
        pg_query_free_parse_result(one);
        data->statements.append(parsed);
    }
    combined += ']';

    element root;
    simdjson::dom::array trees;
    data->json.push_back(takeParser());
    if (data->json.back()->parse(combined.data(), combined.size()).get(root) == simdjson::SUCCESS
        && root.get_array().get(trees) == simdjson::SUCCESS) {
        qsizetype k = 0;
        for (const element tree : trees) {
            element node;
            if (k < data->statements.size()
                && tree["stmts"].at(0)["stmt"].get(node) == simdjson::SUCCESS)
                data->statements[k].node = PgNodeAccess::make(node);
            ++k;
        }
    }
    markNulBytes(data->script, &data->statements, scan.nulBytes);
    return ParsedScript(std::move(data));
}
