#include "sqlidentifier.h"

#include <QStringList>

#include <algorithm>
#include <array>

namespace {

// PostgreSQL 15's keywords whose category is not UNRESERVED_KEYWORD (pg_get_keywords() where
// catcode <> 'U'), sorted for binary search. tst_sqlidentifier checks it against the server.
constexpr std::array<const char *, 151> Keywords = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
};

constexpr bool lessThan(const char *a, const char *b)
{
    while (*a && *a == *b) {
        ++a;
        ++b;
    }
    return static_cast<unsigned char>(*a) < static_cast<unsigned char>(*b);
}

constexpr bool isSorted()
{
    for (std::size_t i = 1; i < Keywords.size(); ++i) {
        if (!lessThan(Keywords[i - 1], Keywords[i]))
            return false;
    }
    return true;
}
static_assert(isSorted(), "binary search needs the keywords in byte order");

bool isBareSafe(QStringView name)
{
    if (name.isEmpty())
        return false;
    const QChar first = name.front();
    if (!((first >= u'a' && first <= u'z') || first == u'_'))
        return false;
    for (QChar ch : name) {
        if (!((ch >= u'a' && ch <= u'z') || (ch >= u'0' && ch <= u'9') || ch == u'_'))
            return false;
    }
    return true;
}

} // namespace

bool SqlIdentifier::isKeyword(QStringView lowerCaseWord)
{
    const QByteArray word = lowerCaseWord.toLatin1();
    return std::binary_search(Keywords.begin(),
                              Keywords.end(),
                              word.constData(),
                              [](const char *a, const char *b) { return qstrcmp(a, b) < 0; });
}

QStringList SqlIdentifier::keywords()
{
    QStringList list;
    list.reserve(int(Keywords.size()));
    for (const char *word : Keywords)
        list << QString::fromLatin1(word);
    return list;
}

QString SqlIdentifier::quote(QStringView name)
{
    if (isBareSafe(name) && !isKeyword(name))
        return name.toString();
    QString quoted;
    quoted.reserve(name.size() + 2);
    quoted += u'"';
    for (QChar ch : name) {
        if (ch == u'"')
            quoted += u'"';
        quoted += ch;
    }
    quoted += u'"';
    return quoted;
}

QString SqlIdentifier::qualified(QStringView schema, QStringView name)
{
    if (schema.isEmpty())
        return quote(name);
    return quote(schema) + u'.' + quote(name);
}

QString SqlIdentifier::literal(QStringView text)
{
    const bool backslash = text.contains(u'\\');
    QString quoted;
    quoted.reserve(text.size() + 3);
    if (backslash)
        quoted += u'E';
    quoted += u'\'';
    for (QChar ch : text) {
        if (ch == u'\'' || (backslash && ch == u'\\'))
            quoted += ch;
        quoted += ch;
    }
    quoted += u'\'';
    return quoted;
}
