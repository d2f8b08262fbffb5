#pragma once

#include "migrationfolder.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// "New migration" templates for the seeds' safe patterns. A pattern is often several
// migrations, because its steps must commit separately (a NOT VALID constraint and its VALIDATE,
// a batched backfill between schema changes); each step has an up and a down script and says
// whether it must run outside a transaction. Every generated up script lints clean. Pure text
// generation; write() puts the files into a folder with the folder's naming.
class MigrationTemplates
{
    Q_DECLARE_TR_FUNCTIONS(MigrationTemplates)

public:
    struct Parameter
    {
        QString key;   // "table", "column", …
        QString label; // for the form
        QString placeholder;
    };

    struct Template
    {
        QString id;
        QString title;
        QString description;
        QList<Parameter> parameters;
    };

    struct Step
    {
        QString description; // becomes the file name's description
        QString up;
        QString down;
        bool noTransaction = false;
    };

    static QList<Template> all();
    // The steps of a template for these values; empty with *error naming the missing or invalid
    // parameter.
    static QList<Step> render(const QString &templateId,
                              const QHash<QString, QString> &values,
                              QString *error);
    // File contents in a folder's dialect (markers for no-transaction steps, dbmate sections).
    static QString upFileText(const Step &step, MigrationFolder::Dialect dialect);
    static QString downFileText(const Step &step, MigrationFolder::Dialect dialect);
    // A Liquibase formatted SQL changelog of one changeset, its rollback in --rollback lines.
    static QString liquibaseChangelogText(const Step &step);
    // Writes the steps as consecutive migrations of the folder; returns the files written (up
    // scripts first of each step) or an empty list with *error set. Never overwrites a file.
    // Drizzle's journal and Sqitch's plan get the new entries; if that fails, *error says so
    // beside the files already written.
    static QStringList write(const MigrationFolder &folder,
                             const QList<Step> &steps,
                             QString *error);

private:
    static QString aloneIfOneQuery(const Step &step, MigrationFolder::Dialect dialect);
    static QString sqitchScript(const QString &sql, bool noTransaction);
    // Drizzle's journal and Sqitch's plan list the new migrations, as their own tools would.
    static bool listInIndex(const MigrationFolder &folder,
                            const QList<Step> &steps,
                            const QList<MigrationFolder::NewFiles> &added,
                            QString *error);
};
