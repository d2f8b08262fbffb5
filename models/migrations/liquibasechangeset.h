#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// One changeset of a Liquibase formatted SQL changelog, as Migration::changeSet keeps it: where it
// is in its file and the attributes of its --changeset line and directives.
struct LiquibaseChangeSet
{
    QString author;
    QString id;
    QString filePath;  // FILENAME as Liquibase records it: logicalFilePath, else the path
    int firstLine = 0; // the --changeset line, 1-based
    int lastLine = 0;  // the changeset's last line (the next --changeset's line - 1)
    bool runInTransaction = true;
    bool runOnChange = false;
    bool runAlways = false;
    QString endDelimiter; // empty: PostgreSQL's own statement ends
    QString contexts;
    QString labels;
    QString comment;
    QStringList validCheckSums; // "9:…" or ANY
    bool hasRollback = false;   // --rollback lines or a /* liquibase rollback */ block
    bool emptyRollback = false; // --rollback not required / empty: a rollback that runs nothing
    bool failOnError = true;
    // The changelog properties (--property) defined before it, for ${name} in its SQL.
    QHash<QString, QString> properties;

    // --preconditions onFail:… onError:… with --precondition-sql-check lines.
    struct SqlCheck
    {
        QString expectedResult;
        QString sql;
        int line = 0;
    };
    QList<SqlCheck> sqlChecks;
    QString onFail = QStringLiteral("HALT"); // HALT, CONTINUE, MARK_RAN, WARN
    QString onError = QStringLiteral("HALT");

    // "path::id::author", how Liquibase names a changeset in its messages.
    QString name() const { return QStringLiteral("%1::%2::%3").arg(filePath, id, author); }
};
