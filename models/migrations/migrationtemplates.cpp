#include "migrationtemplates.h"

#include "migrationindexfiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace {

const QString Timeouts = QStringLiteral(
    "SET lock_timeout = '5s';\nSET statement_timeout = '%1';\n\n");

bool isIdentifier(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?$"));
    return pattern.match(text).hasMatch();
}

// The name without its schema: table "shop.orders" gives constraint names like orders_…
QString bare(const QString &name)
{
    return name.section(QLatin1Char('.'), -1);
}

QString backfill(const QString &table, const QString &set, const QString &where)
{
    return QStringLiteral(
               "-- Fills existing rows in batches of 10,000 by primary key, committing after each\n"
               "-- batch so no lock is held for long; safe to run again.\n"
               "DO $$\n"
               "DECLARE\n"
               "    batch_size constant bigint := 10000;\n"
               "    max_id     bigint;\n"
               "    lo         bigint := 0;\n"
               "BEGIN\n"
               "    SELECT coalesce(max(id), 0) INTO max_id FROM %1;\n"
               "    WHILE lo <= max_id LOOP\n"
               "        UPDATE %1 SET %2\n"
               "         WHERE id >= lo AND id < lo + batch_size AND %3;\n"
               "        COMMIT;\n"
               "        lo := lo + batch_size;\n"
               "    END LOOP;\n"
               "END\n"
               "$$;\n")
        .arg(table, set, where);
}

QString nothingToUndo(const QString &why)
{
    return QStringLiteral("-- %1\nDO $$ BEGIN RAISE NOTICE 'nothing to undo'; END $$;\n").arg(why);
}

} // namespace

QList<MigrationTemplates::Template> MigrationTemplates::all()
{
    const Parameter table{QStringLiteral("table"), tr("Table"), QStringLiteral("shop.orders")};
    const Parameter column{QStringLiteral("column"), tr("Column"), QStringLiteral("loyalty_tier")};
    return {
        {QStringLiteral("not-null-column"),
         tr("Add a NOT NULL column"),
         tr("Nullable column with a default for new rows, batched backfill, CHECK … NOT VALID, "
            "VALIDATE, then SET NOT NULL: four migrations, no long lock."),
         {table,
          column,
          {QStringLiteral("type"), tr("Type"), QStringLiteral("text")},
          {QStringLiteral("default"), tr("Value (SQL)"), QStringLiteral("'bronze'")}}},
        {QStringLiteral("concurrent-index"),
         tr("Create an index concurrently"),
         tr("CREATE INDEX CONCURRENTLY outside a transaction; the rollback drops it concurrently."),
         {table,
          {QStringLiteral("columns"), tr("Columns"), QStringLiteral("customer_id, ordered_at")},
          {QStringLiteral("index"), tr("Index name"), QStringLiteral("idx_orders_customer_id")}}},
        {QStringLiteral("foreign-key"),
         tr("Add a foreign key"),
         tr("ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a second migration, so "
            "neither table is blocked while existing rows are checked."),
         {table,
          column,
          {QStringLiteral("references"), tr("Referenced table"), QStringLiteral("shop.customers")},
          {QStringLiteral("referencedColumn"), tr("Referenced column"), QStringLiteral("id")}}},
        {QStringLiteral("rename-column"),
         tr("Rename a column (expand and contract)"),
         tr("Add the new column kept in sync by a trigger, backfill it, and drop the old one in a "
            "last migration once no code uses it."),
         {table,
          column,
          {QStringLiteral("newName"), tr("New name"), QStringLiteral("tier")},
          {QStringLiteral("type"), tr("Type"), QStringLiteral("text")}}},
    };
}

QList<MigrationTemplates::Step> MigrationTemplates::render(const QString &templateId,
                                                           const QHash<QString, QString> &values,
                                                           QString *error)
{
    const QList<Template> templates = all();
    const auto found = std::find_if(templates.cbegin(), templates.cend(), [&](const Template &t) {
        return t.id == templateId;
    });
    if (found == templates.cend()) {
        *error = tr("unknown template \"%1\"").arg(templateId);
        return {};
    }
    QHash<QString, QString> v;
    for (const Parameter &parameter : found->parameters) {
        const QString value = values.value(parameter.key).trimmed();
        if (value.isEmpty()) {
            *error = tr("%1 is missing").arg(parameter.label);
            return {};
        }
        const bool sqlValue = parameter.key == QLatin1String("default")
                              || parameter.key == QLatin1String("type")
                              || parameter.key == QLatin1String("columns");
        if (!sqlValue && !isIdentifier(value)) {
            *error = tr("%1 \"%2\" is not a plain SQL name (letters, digits and _; schema.name for "
                        "tables)")
                         .arg(parameter.label, value);
            return {};
        }
        v.insert(parameter.key, value);
    }

    const QString table = v.value(QStringLiteral("table"));
    const QString column = v.value(QStringLiteral("column"));
    QList<Step> steps;
    if (templateId == QLatin1String("not-null-column")) {
        const QString check = QStringLiteral("%1_%2_not_null").arg(bare(table), column);
        steps.append(
            {tr("add %1 %2").arg(bare(table), column),
             Timeouts.arg(QStringLiteral("1min"))
                 + QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS %2 %3;\n"
                                  "ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %4;\n")
                       .arg(table,
                            column,
                            v.value(QStringLiteral("type")),
                            v.value(QStringLiteral("default"))),
             QStringLiteral("ALTER TABLE %1 DROP COLUMN IF EXISTS %2;\n").arg(table, column),
             false});
        steps.append(
            {tr("backfill %1 %2").arg(bare(table), column),
             Timeouts.arg(QStringLiteral("1h"))
                 + backfill(table,
                            QStringLiteral("%1 = %2").arg(column,
                                                          v.value(QStringLiteral("default"))),
                            QStringLiteral("%1 IS NULL").arg(column)),
             nothingToUndo(
                 tr("The backfill only filled %1, which the previous migration's rollback drops.")
                     .arg(column)),
             true});
        steps.append(
            {tr("check %1 %2 not null").arg(bare(table), column),
             Timeouts.arg(QStringLiteral("1min"))
                 + QStringLiteral(
                       "ALTER TABLE %1 ADD CONSTRAINT %2 CHECK (%3 IS NOT NULL) NOT VALID;\n")
                       .arg(table, check, column),
             QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;\n").arg(table, check),
             false});
        steps.append(
            {tr("set %1 %2 not null").arg(bare(table), column),
             Timeouts.arg(QStringLiteral("1h"))
                 + QStringLiteral(
                       "-- VALIDATE scans under SHARE UPDATE EXCLUSIVE (reads and writes go on);\n"
                       "-- SET NOT NULL then uses the validated CHECK instead of a scan.\n"
                       "ALTER TABLE %1 VALIDATE CONSTRAINT %2;\n"
                       "ALTER TABLE %1 ALTER COLUMN %3 SET NOT NULL;\n"
                       "ALTER TABLE %1 DROP CONSTRAINT %2;\n")
                       .arg(table, check, column),
             QStringLiteral("ALTER TABLE %1 ALTER COLUMN %3 DROP NOT NULL;\n"
                            "ALTER TABLE %1 ADD CONSTRAINT %2 CHECK (%3 IS NOT NULL) NOT VALID;\n")
                 .arg(table, check, column),
             false});
    } else if (templateId == QLatin1String("concurrent-index")) {
        const QString index = v.value(QStringLiteral("index"));
        steps.append(
            {tr("index %1").arg(index),
             Timeouts.arg(QStringLiteral("1h"))
                 + QStringLiteral(
                       "-- If the build fails it leaves an INVALID index; IF NOT EXISTS would keep "
                       "it,\n"
                       "-- so drop it with DROP INDEX CONCURRENTLY before running this again.\n"
                       "CREATE INDEX CONCURRENTLY IF NOT EXISTS %1 ON %2 (%3);\n")
                       .arg(index, table, v.value(QStringLiteral("columns"))),
             QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1;\n").arg(index),
             true});
    } else if (templateId == QLatin1String("foreign-key")) {
        const QString references = v.value(QStringLiteral("references"));
        const QString constraint = QStringLiteral("%1_%2_fkey").arg(bare(table), column);
        steps.append(
            {tr("add %1 foreign key").arg(constraint),
             Timeouts.arg(QStringLiteral("1min"))
                 + QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2\n"
                                  "    FOREIGN KEY (%3) REFERENCES %4 (%5) NOT VALID;\n")
                       .arg(table,
                            constraint,
                            column,
                            references,
                            v.value(QStringLiteral("referencedColumn"))),
             QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;\n").arg(table, constraint),
             false});
        steps.append(
            {tr("validate %1").arg(constraint),
             Timeouts.arg(QStringLiteral("1h"))
                 + QStringLiteral(
                       "-- Checks existing rows under SHARE UPDATE EXCLUSIVE: writes go on.\n"
                       "ALTER TABLE %1 VALIDATE CONSTRAINT %2;\n")
                       .arg(table, constraint),
             nothingToUndo(tr("VALIDATE only checked existing rows.")),
             false});
    } else if (templateId == QLatin1String("rename-column")) {
        const QString newName = v.value(QStringLiteral("newName"));
        const QString function = QStringLiteral("%1_sync_%2_%3").arg(bare(table), column, newName);
        steps.append(
            {tr("expand %1 %2 to %3").arg(bare(table), column, newName),
             Timeouts.arg(QStringLiteral("1min"))
                 + QStringLiteral(
                       "ALTER TABLE %1 ADD COLUMN IF NOT EXISTS %3 %4;\n\n"
                       "-- Until the old name is dropped, writes through either name reach both.\n"
                       "CREATE OR REPLACE FUNCTION %5() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                       "BEGIN\n"
                       "    IF NEW.%3 IS NULL THEN\n"
                       "        NEW.%3 := NEW.%2;\n"
                       "    ELSIF NEW.%2 IS NULL THEN\n"
                       "        NEW.%2 := NEW.%3;\n"
                       "    END IF;\n"
                       "    RETURN NEW;\n"
                       "END\n"
                       "$$;\n"
                       "DROP TRIGGER IF EXISTS %5 ON %1;\n"
                       "CREATE TRIGGER %5 BEFORE INSERT OR UPDATE ON %1\n"
                       "    FOR EACH ROW EXECUTE FUNCTION %5();\n")
                       .arg(table, column, newName, v.value(QStringLiteral("type")), function),
             QStringLiteral("DROP TRIGGER IF EXISTS %2 ON %1;\nDROP FUNCTION IF EXISTS %2();\n"
                            "ALTER TABLE %1 DROP COLUMN IF EXISTS %3;\n")
                 .arg(table, function, newName),
             false});
        steps.append(
            {tr("backfill %1 %2").arg(bare(table), newName),
             Timeouts.arg(QStringLiteral("1h"))
                 + backfill(table,
                            QStringLiteral("%1 = %2").arg(newName, column),
                            QStringLiteral("%1 IS NULL").arg(newName)),
             nothingToUndo(
                 tr("The backfill only filled %1, which the previous migration's rollback drops.")
                     .arg(newName)),
             true});
        steps.append({tr("contract %1 drop %2").arg(bare(table), column),
                      Timeouts.arg(QStringLiteral("1min"))
                          + QStringLiteral("-- Run this once no deployed code reads or writes %2.\n"
                                           "DROP TRIGGER IF EXISTS %3 ON %1;\n"
                                           "DROP FUNCTION IF EXISTS %3();\n"
                                           "-- slipway-ignore ban-drop-column: the expand and "
                                           "contract steps above moved every reader\n"
                                           "ALTER TABLE %1 DROP COLUMN IF EXISTS %2;\n")
                                .arg(table, column, function),
                      QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS %2 %3;\n"
                                     "-- Copy the values back before any code uses %2 again (in "
                                     "batches on big tables).\n")
                          .arg(table, column, v.value(QStringLiteral("type"))),
                      false});
    }
    return steps;
}

// dbmate, golang-migrate and Prisma send a file as one query string, which PostgreSQL runs as one
// implicit transaction even when the tool opens none: a statement that must run outside one
// has to stand alone in its file, so the SET lines in front of it go.
QString MigrationTemplates::aloneIfOneQuery(const Step &step, MigrationFolder::Dialect dialect)
{
    using Dialect = MigrationFolder::Dialect;
    if (!step.noTransaction
        || (dialect != Dialect::Dbmate && dialect != Dialect::UpDown && dialect != Dialect::Prisma))
        return step.up;
    static const QRegularExpression timeouts(QStringLiteral(
        "^SET lock_timeout = '[^']*';\nSET statement_timeout = '[^']*';\n\n"));
    return QString(step.up).remove(timeouts);
}

QString MigrationTemplates::upFileText(const Step &step, MigrationFolder::Dialect dialect)
{
    if (dialect == MigrationFolder::Dialect::Liquibase)
        return liquibaseChangelogText(step);
    if (dialect == MigrationFolder::Dialect::Sqitch)
        return sqitchScript(step.up, step.noTransaction);
    Step own = step;
    own.up = aloneIfOneQuery(step, dialect);
    if (dialect == MigrationFolder::Dialect::Dbmate) {
        const QString option = step.noTransaction ? QStringLiteral(" transaction:false")
                                                  : QString();
        return QStringLiteral("-- migrate:up%1\n%2\n-- migrate:down%1\n%3")
            .arg(option, own.up, step.down);
    }
    return (step.noTransaction ? QStringLiteral("-- slipway:no-transaction\n") : QString())
           + own.up;
}

// Sqitch runs a script through psql, statement by statement: its scripts bring their own
// transaction, as `sqitch add` writes them, unless a statement must run outside one.
QString MigrationTemplates::sqitchScript(const QString &sql, bool noTransaction)
{
    if (noTransaction) // psql reads the marker as a comment; Slipway's engine as what it says
        return QStringLiteral("-- slipway:no-transaction\n") + sql;
    // A script that already manages its transaction (BEGIN … COMMIT of its own) stays as it is.
    static const QRegularExpression control(
        QStringLiteral("^\\s*(BEGIN|COMMIT|START\\s+TRANSACTION|END)\\s*;"),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    if (control.match(sql).hasMatch())
        return sql;
    QString body = sql;
    if (!body.endsWith(QLatin1Char('\n')))
        body += QLatin1Char('\n');
    return QStringLiteral("BEGIN;\n\n%1\nCOMMIT;\n").arg(body);
}

QString MigrationTemplates::liquibaseChangelogText(const Step &step)
{
    // The author Liquibase's own generators use when nobody is named: the user's login.
    QString author = qEnvironmentVariable("USER").trimmed();
    if (author.isEmpty() || author.contains(QLatin1Char(':')) || author.contains(QLatin1Char(' ')))
        author = QStringLiteral("slipway");
    QString rollback;
    const QStringList downLines = step.down.trimmed().split(QLatin1Char('\n'));
    for (const QString &line : downLines) {
        if (!step.down.trimmed().isEmpty())
            rollback += QStringLiteral("--rollback %1\n").arg(line);
    }
    QString up = step.up;
    if (!up.endsWith(QLatin1Char('\n')))
        up += QLatin1Char('\n');
    // The id names the change (ids need only be unique per author and file).
    QString id = step.description.trimmed().toLower();
    id.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    id.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (id.isEmpty())
        id = QStringLiteral("1");
    return QStringLiteral("--liquibase formatted sql\n\n--changeset %1:%5%2\n%3%4")
        .arg(author,
             step.noTransaction ? QStringLiteral(" runInTransaction:false") : QString(),
             up,
             rollback,
             id);
}

QString MigrationTemplates::downFileText(const Step &step, MigrationFolder::Dialect dialect)
{
    if (dialect == MigrationFolder::Dialect::Dbmate || dialect == MigrationFolder::Dialect::Liquibase)
        return upFileText(step, dialect);
    if (dialect == MigrationFolder::Dialect::Sqitch)
        return sqitchScript(step.down, step.noTransaction);
    return (step.noTransaction ? QStringLiteral("-- slipway:no-transaction\n") : QString())
           + step.down;
}

QStringList MigrationTemplates::write(const MigrationFolder &folder,
                                      const QList<Step> &steps,
                                      QString *error)
{
    QStringList written;
    QList<QPair<QString, QString>> files; // path, content
    QList<MigrationFolder::NewFiles> added;
    for (int i = 0; i < steps.size(); ++i) {
        const MigrationFolder::NewFiles names = folder.newMigration(steps.at(i).description, i);
        added << names;
        files.append({names.upPath, upFileText(steps.at(i), folder.dialect())});
        if (names.downPath != names.upPath)
            files.append({names.downPath, downFileText(steps.at(i), folder.dialect())});
    }
    for (const auto &[path, content] : std::as_const(files)) {
        if (QFileInfo::exists(path)) {
            *error = tr("%1: already exists; nothing was written").arg(path);
            return {};
        }
    }
    for (const auto &[path, content] : std::as_const(files)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content.toUtf8()) < 0 || !file.commit()) {
            *error = tr("%1: cannot write the file (%2)").arg(path, file.errorString());
            return written;
        }
        written.append(path);
    }
    listInIndex(folder, steps, added, error); // on failure *error says what is not listed
    return written;
}

bool MigrationTemplates::listInIndex(const MigrationFolder &folder,
                                     const QList<Step> &steps,
                                     const QList<MigrationFolder::NewFiles> &added,
                                     QString *error)
{
    if (folder.dialect() == MigrationFolder::Dialect::Drizzle) {
        // After the newest "when": one older than an applied migration's is skipped by Drizzle.
        qint64 when = QDateTime::currentMSecsSinceEpoch();
        for (const Migration &migration : folder.migrations())
            when = qMax(when, migration.createdAtMs + 1);
        for (const MigrationFolder::NewFiles &names : added) {
            const QString tag = QFileInfo(names.upPath).completeBaseName();
            if (!MigrationIndexFiles::addDrizzleEntry(folder.directory(), tag, when++, error))
                return false;
        }
    } else if (folder.dialect() == MigrationFolder::Dialect::Sqitch) {
        for (qsizetype i = 0; i < added.size(); ++i) {
            const QString name = QFileInfo(added.at(i).upPath).completeBaseName();
            if (!MigrationIndexFiles::addSqitchChange(folder.directory(),
                                                      name,
                                                      steps.at(i).description,
                                                      error))
                return false;
        }
    }
    return true;
}
