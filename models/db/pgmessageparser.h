#pragma once

#include "dberror.h"

#include <QString>

// Turns libpq's verbose message text (what libpqxx 6.4 hands us instead of the error fields) back
// into fields: "ERROR:  42703: message", DETAIL/HINT/CONTEXT lines, and the "LINE n:" excerpt with
// its caret, from which the character position inside the sent statement is recovered.
class PgMessageParser
{
public:
    // `statement` is the exact text that was sent (needed to map the excerpt back to an offset).
    static DbError parse(const QString &text, const QString &statement = {});
};
