#pragma once

#include <QByteArray>
#include <QList>

// PostgreSQL's key words exactly as the parser in libpg_query knows them (PostgreSQL's kwlist.h,
// 460 words in 15), with the grammar's category of each, so that the editor's colouring and
// completion follow the grammar the linter parses with instead of a hand list that drifts.
// Read once from the library's keyword table; thread-safe.
namespace SqlKeywords {

// As pg_get_keywords() names them: U, C, T, R.
enum class Category { Unreserved, ColumnName, TypeOrFunctionName, Reserved };

struct Keyword
{
    QByteArray word; // lower case
    Category category = Category::Unreserved;
};

// In the grammar's (alphabetical) order; empty only if the library's table could not be read,
// which tests catch.
const QList<Keyword> &all();
// Whether `word` (any case) is a key word, by the library's own lookup.
bool isKeyword(const QByteArray &word);

} // namespace SqlKeywords
