#include "sqllexer.h"

#include <QColor>
#include <QFont>

namespace {

// PostgreSQL 15 key words (reserved and the unreserved ones people read as keywords), lower case
// and space separated as Scintilla expects.
const char PgKeywords[]
    = "abort absolute access action add admin after aggregate all also alter always analyse "
      "analyze and any array as asc assertion assignment asymmetric at attach attribute "
      "authorization backward before begin between binary both by cache call called cascade "
      "cascaded case cast catalog chain characteristics check checkpoint class close cluster "
      "collate collation column columns comment comments commit committed compression "
      "concurrently configuration conflict connection constraint constraints content continue "
      "conversion copy cost create cross csv cube current current_catalog current_date "
      "current_role current_schema current_time current_timestamp current_user cursor cycle data "
      "database day deallocate declare default defaults deferrable deferred definer delete "
      "delimiter delimiters depends desc detach dictionary disable discard distinct do document "
      "domain drop each else enable encoding encrypted end enum escape event except exclude "
      "excluding exclusive execute exists explain expression extension external false family "
      "fetch filter finalize first following for force foreign format forward freeze from full "
      "function functions generated global grant granted greatest group grouping groups handler "
      "having header hold hour identity if ilike immediate immutable implicit import in include "
      "including increment index indexes inherit inherits initially inline inner inout input "
      "insensitive insert instead intersect into invoker is isnull isolation join key label "
      "language large last lateral leading leakproof least left level like limit listen load "
      "local localtime localtimestamp location lock locked logged mapping match matched "
      "materialized maxvalue merge method minute minvalue mode month move name names natural new "
      "next nfc nfd nfkc nfkd no none normalize normalized not nothing notify notnull nowait null "
      "nullif nulls object of off offset oids old on only operator option options or order "
      "ordinality others out outer over overlaps overlay overriding owned owner parallel "
      "parameter parser partial partition passing password placing plans policy position "
      "preceding prepare prepared preserve primary prior privileges procedural procedure "
      "procedures program publication quote range read reassign recheck recursive ref references "
      "referencing refresh reindex relative release rename repeatable replace replica reset "
      "restart restrict return returning returns revoke right role rollback rollup routine "
      "routines row rows rule savepoint schema schemas scroll search second security select "
      "sequence sequences serializable server session session_user set setof sets share show "
      "similar simple skip snapshot some sql stable standalone start statement statistics stdin "
      "stdout storage stored strict strip subscription support symmetric sysid system table "
      "tables tablesample tablespace temp template temporary then ties to trailing transaction "
      "transform treat trigger true truncate trusted type types uescape unbounded uncommitted "
      "unencrypted union unique unknown unlisten unlogged until update user using vacuum valid "
      "validate validator value values variadic verbose version view views volatile when where "
      "whitespace window with within without work wrapper write xml year yes zone";

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
        return PgKeywords;
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
    if (set == Tables)
        m_tables = joined;
    else if (set == Columns)
        m_columns = joined;
}
