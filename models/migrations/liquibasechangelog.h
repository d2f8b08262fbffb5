#pragma once

#include "liquibasechangeset.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Liquibase's formatted SQL changelogs, read the way its FormattedSqlChangeLogParser reads them
// (docs/history-tables.md §6): a first line `--liquibase formatted sql`, then changesets opened
// by `--changeset author:id attributes…`, each running to the next one. Directive lines
// (--comment, --validCheckSum, --rollback, /* liquibase rollback */ blocks, --preconditions,
// --precondition-*, --ignoreLines, --property) are not part of a changeset's SQL.
//
// Everything here works on a file's text, line by line, and keeps line numbers: the SQL the
// engine runs for a changeset is the whole file with every other line blanked, so a statement's
// line in an error is the file's. Pure functions; thread-safe.
class LiquibaseChangelog
{
    Q_DECLARE_TR_FUNCTIONS(LiquibaseChangelog)

public:
    using Properties = QHash<QString, QString>;

    // Whether a file's first non-blank line is --liquibase formatted sql.
    static bool isChangelog(const QString &text);

    // The changesets of one changelog, in file order. `recordedPath` is the FILENAME its rows
    // get unless the changelog or a changeset names a logicalFilePath. `properties` come in with
    // the ones defined by earlier changelogs and leave with this one's --property lines added.
    // Errors name the file and line and say what was expected.
    struct Parsed
    {
        QList<LiquibaseChangeSet> changeSets;
        QStringList errors;
    };
    static Parsed parse(const QString &path,
                        const QString &recordedPath,
                        const QString &text,
                        Properties &properties);

    // The changeset's SQL as Liquibase keeps it and checksums it: its lines without directives,
    // trimmed, ${properties} expanded.
    static QString body(const QString &text, const LiquibaseChangeSet &changeSet);
    // The same for many changesets of one file: rawBodies() once (by the changesets' first
    // lines), then bodyOf() for each.
    static QHash<int, QString> rawBodies(const QString &text);
    static QString bodyOf(const QString &rawBody, const LiquibaseChangeSet &changeSet);
    // Liquibase 4.22+'s checksum of a formatted SQL changeset: "9:" and 32 hex digits.
    static QString checksum(const QString &body);

    // What the engine runs: the file's text with every line blanked but the changeset's SQL (and
    // its --changeset line, a comment that says runInTransaction:false), or its rollback SQL
    // (--rollback lines without their prefix, the lines of /* liquibase rollback */ blocks).
    // endDelimiter lines become the semicolons PostgreSQL's grammar ends statements with.
    static QString upText(const QString &text, const LiquibaseChangeSet &changeSet);
    static QString downText(const QString &text, const LiquibaseChangeSet &changeSet);

    // A --changeset line anywhere in `text` saying runInTransaction:false.
    static bool declaresNoTransaction(const QString &text);

private:
    // A --precondition-<type> line's check as SQL with its expected result: sql-check as
    // written, table-exists and view-exists asked of the catalog. False for other types.
    static bool preconditionCheck(const QString &type,
                                  const QString &arguments,
                                  LiquibaseChangeSet::SqlCheck *check);
};
