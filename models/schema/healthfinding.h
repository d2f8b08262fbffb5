#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

// One problem the index health check found, with the SQL that fixes it (or, where no statement
// can be written blind, a commented suggestion). Plain value type.
struct HealthFinding
{
    enum class Kind {
        UnusedIndex,
        DuplicateIndex,
        RedundantIndex, // its columns are a leading part of another index
        InvalidIndex,
        ForeignKeyWithoutIndex,
        SeqScanHeavy,
        NoPrimaryKey,
    };

    Kind kind = Kind::UnusedIndex;
    QString object;        // quoted schema.name of the index, constraint or table
    QString table;         // quoted schema.name of the table concerned
    QString detail;        // one sentence for people
    QString fix;           // SQL, ready for an editor tab
    qint64 sizeBytes = -1; // of the index, when one is concerned
    // Drawn from usage counters that cover too short a period to trust (see StatisticsPeriod).
    bool weak = false;

    // "unused_index", "fk_without_index" ...: the CLI's JSON names.
    static QString kindName(Kind kind);
    QString kindName() const { return kindName(kind); }
    // "Unused index" ...: translated, for the window.
    static QString kindLabel(Kind kind);
};

Q_DECLARE_METATYPE(HealthFinding)
