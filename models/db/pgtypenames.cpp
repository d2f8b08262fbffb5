#include "pgtypenames.h"

namespace PgTypeNames {

Entry builtin(quint32 oid)
{
    switch (oid) {
    case 16: return {QStringLiteral("boolean")};
    case 17: return {QStringLiteral("bytea")};
    case 18: return {QStringLiteral("\"char\"")};
    case 19: return {QStringLiteral("name")};
    case 20: return {QStringLiteral("bigint"), true};
    case 21: return {QStringLiteral("smallint"), true};
    case 23: return {QStringLiteral("integer"), true};
    case 24: return {QStringLiteral("regproc")};
    case 25: return {QStringLiteral("text")};
    case 26: return {QStringLiteral("oid"), true};
    case 114: return {QStringLiteral("json")};
    case 142: return {QStringLiteral("xml")};
    case 700: return {QStringLiteral("real"), true};
    case 701: return {QStringLiteral("double precision"), true};
    case 790: return {QStringLiteral("money"), true};
    case 869: return {QStringLiteral("inet")};
    case 650: return {QStringLiteral("cidr")};
    case 1042: return {QStringLiteral("character")};
    case 1043: return {QStringLiteral("character varying")};
    case 1082: return {QStringLiteral("date")};
    case 1083: return {QStringLiteral("time without time zone")};
    case 1114: return {QStringLiteral("timestamp without time zone")};
    case 1184: return {QStringLiteral("timestamp with time zone")};
    case 1186: return {QStringLiteral("interval")};
    case 1266: return {QStringLiteral("time with time zone")};
    case 1700: return {QStringLiteral("numeric"), true};
    case 2205: return {QStringLiteral("regclass")};
    case 2950: return {QStringLiteral("uuid")};
    case 3220: return {QStringLiteral("pg_lsn")};
    case 3802: return {QStringLiteral("jsonb")};
    case 1009: return {QStringLiteral("text[]")};
    case 1007: return {QStringLiteral("integer[]")};
    case 1016: return {QStringLiteral("bigint[]")};
    case 705: return {QStringLiteral("unknown")};
    case 2249: return {QStringLiteral("record")};
    case 2278: return {QStringLiteral("void")};
    default: return {};
    }
}

} // namespace PgTypeNames
