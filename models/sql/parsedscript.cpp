#include "parsedscript.h"

#include "pgnodeaccess.h"
#include "psqlscanner.h"
#include "statementsplitter.h"

#include <pg_query.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string>
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
std::unique_ptr<JsonParser> spare;

std::unique_ptr<JsonParser> takeParser()
{
    const std::lock_guard<std::mutex> lock(spareMutex);
    return spare ? std::move(spare) : std::make_unique<JsonParser>();
}

void returnParser(std::unique_ptr<JsonParser> parser)
{
    const std::lock_guard<std::mutex> lock(spareMutex);
    if (!spare)
        spare = std::move(parser);
}

} // namespace

struct ParsedScript::Data
{
    SqlScript script;
    QList<ParsedStatement> statements;
    std::unique_ptr<JsonParser> json = takeParser(); // owns the tree every PgNode points into

    ~Data() { returnParser(std::move(json)); }
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

    PgQueryParseResult whole = pg_query_parse(scan.masked.constData());
    if (!whole.error) {
        element root;
        const size_t length = std::char_traits<char>::length(whole.parse_tree);
        QList<StatementSplitter::ParserRange> ranges;
        QList<element> nodes;
        if (data->json->parse(whole.parse_tree, length).get(root) == simdjson::SUCCESS) {
            simdjson::dom::array stmts;
            if (root["stmts"].get_array().get(stmts) == simdjson::SUCCESS) {
                for (const element raw : stmts) {
                    // Zero values are omitted from the JSON, so a missing field means 0.
                    int64_t location = 0;
                    int64_t len = 0;
                    if (raw["stmt_location"].get_int64().get(location) != simdjson::SUCCESS)
                        location = 0;
                    if (raw["stmt_len"].get_int64().get(len) != simdjson::SUCCESS)
                        len = 0;
                    ranges.append(StatementSplitter::fromParser(int(location), int(len)));
                    element node;
                    if (raw["stmt"].get(node) != simdjson::SUCCESS)
                        node = element();
                    nodes.append(node);
                }
            }
        }
        pg_query_free_parse_result(whole);
        data->script = StatementSplitter::assemble(text, utf8, scan, ranges);
        // libpg_query never reports an empty statement, so its statements and the SQL pieces
        // of the script correspond one to one, in order.
        qsizetype next = 0;
        const QList<SqlStatement> &pieces = data->script.statements();
        for (int i = 0; i < pieces.size(); ++i) {
            if (!pieces.at(i).isSql())
                continue;
            ParsedStatement parsed;
            parsed.index = i;
            if (next < nodes.size())
                parsed.node = PgNodeAccess::make(nodes.at(next++));
            data->statements.append(parsed);
        }
        return ParsedScript(std::move(data));
    }
    const QString wholeError = QString::fromUtf8(whole.error->message);
    const int wholeErrorByte = StatementSplitter::byteFromCursorPosition(scan.masked,
                                                                         whole.error->cursorpos);
    pg_query_free_parse_result(whole);

    // The grammar rejected something: cut as psql does and parse statement by statement, then
    // read all trees in one JSON array.
    data->script = StatementSplitter::assemble(text,
                                               utf8,
                                               scan,
                                               StatementSplitter::psqlRanges(scan));
    data->script.setSyntaxError(wholeError, wholeErrorByte);
    std::string combined = "[";
    const QList<SqlStatement> &pieces = data->script.statements();
    for (int i = 0; i < pieces.size(); ++i) {
        const SqlStatement &piece = pieces.at(i);
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
    if (data->json->parse(combined.data(), combined.size()).get(root) == simdjson::SUCCESS
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
    return ParsedScript(std::move(data));
}
