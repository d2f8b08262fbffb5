#include "healthfinding.h"

#include <QCoreApplication>

QString HealthFinding::kindName(Kind kind)
{
    switch (kind) {
    case Kind::UnusedIndex:
        return QStringLiteral("unused_index");
    case Kind::DuplicateIndex:
        return QStringLiteral("duplicate_index");
    case Kind::RedundantIndex:
        return QStringLiteral("redundant_index");
    case Kind::InvalidIndex:
        return QStringLiteral("invalid_index");
    case Kind::ForeignKeyWithoutIndex:
        return QStringLiteral("fk_without_index");
    case Kind::SeqScanHeavy:
        return QStringLiteral("seq_scan_heavy");
    case Kind::NoPrimaryKey:
        return QStringLiteral("no_primary_key");
    }
    return {};
}

QString HealthFinding::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::UnusedIndex:
        return QCoreApplication::translate("HealthFinding", "Unused index");
    case Kind::DuplicateIndex:
        return QCoreApplication::translate("HealthFinding", "Duplicate index");
    case Kind::RedundantIndex:
        return QCoreApplication::translate("HealthFinding", "Redundant index");
    case Kind::InvalidIndex:
        return QCoreApplication::translate("HealthFinding", "Invalid index");
    case Kind::ForeignKeyWithoutIndex:
        return QCoreApplication::translate("HealthFinding", "Foreign key without index");
    case Kind::SeqScanHeavy:
        return QCoreApplication::translate("HealthFinding", "Heavy sequential scans");
    case Kind::NoPrimaryKey:
        return QCoreApplication::translate("HealthFinding", "Table without primary key");
    }
    return {};
}
