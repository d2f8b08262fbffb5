// The "impact" check of DeployChecks: the tables the pending migrations touch, with their size,
// the strongest lock each takes in the dry run, and the point of no return.

#include "deploychecks.h"
#include "deploychecktext.h"

#include "db/pgconnection.h"
#include "migrations/migrationexecutor.h"

#include <QElapsedTimer>
#include <QMap>

using DeployCheckText::cell;
using DeployCheckText::destructive;
using DeployCheckText::number;

CheckResult DeployChecks::impact()
{
    QElapsedTimer timer;
    timer.start();
    CheckResult result;
    if (!requirePending(result))
        return finish(result, timer.elapsed());
    // The strongest lock per table, and how many statements take each mode.
    QMap<QString, QString> strongest;
    QMap<QString, int> modes;
    for (const DryRunStatement &statement : std::as_const(m_dryRun)) {
        for (const auto &lock : statement.locks) {
            // A relation the statement dropped (an index going with its column) has no size.
            if (MigrationExecutor::isDroppedRelation(lock.first))
                continue;
            // "AccessExclusiveLock (held from earlier)" counts as the mode it names.
            const QString mode = lock.second.section(QLatin1Char(' '), 0, 0);
            modes[mode] += 1;
            if (MigrationExecutor::lockStrength(mode) > MigrationExecutor::lockStrength(strongest.value(lock.first)))
                strongest[lock.first] = mode;
        }
    }
    QString evidence = tr("| Table | Strongest lock | Size | Rows (estimate) |\n|---|---|---:|---:|\n");
    try {
        PgConnection connection(m_target.conninfo);
        connection.open();
        int measured = 0;
        for (auto it = strongest.cbegin(); it != strongest.cend(); ++it) {
            report(tr("Measuring %1").arg(it.key()), 100 * measured++ / int(strongest.size()));
            const RowBatch size = connection.fetchAll(
                QStringLiteral("SELECT pg_size_pretty(pg_total_relation_size(c.oid)), c.reltuples::bigint FROM pg_class c "
                               "WHERE c.oid = to_regclass(%1)")
                    .arg(QLatin1Char('\'') + QString(it.key()).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'')));
            const bool exists = size.rowCount() > 0;
            evidence += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                            .arg(cell(it.key()), it.value(), exists ? size.text(0, 0) : tr("new"),
                                 exists && size.text(0, 1).toLongLong() >= 0 ? number(size.text(0, 1).toLongLong()) : QString());
        }
    } catch (const DbException &e) {
        result.status = CheckResult::Status::Failed;
        result.summary = e.error().message;
        return finish(result, timer.elapsed());
    }
    evidence += tr("\n**Locks by mode:** ");
    QStringList byMode;
    for (auto it = modes.cbegin(); it != modes.cend(); ++it)
        byMode << QStringLiteral("%1 × %2").arg(it.key()).arg(it.value());
    evidence += (byMode.isEmpty() ? tr("none") : byMode.join(QStringLiteral(", "))) + QLatin1Char('\n');
    qint64 expected = 0;
    for (qint64 ms : std::as_const(m_rehearsalMs))
        expected += ms;
    evidence += m_rehearsalMs.isEmpty() ? tr("\n**Expected duration:** unknown until the rehearsal has run.\n")
                                        : tr("\n**Expected duration:** %1 ms (from the rehearsal on the restored copy).\n").arg(expected);

    // The point of no return: the first migration that cannot be undone by its down script.
    QString pointOfNoReturn;
    const MigrationFolder folder = MigrationFolder::read(m_target.migrationDirectory, m_target.dialect);
    for (int i = 0; i < m_pendingFiles.size() && pointOfNoReturn.isEmpty(); ++i) {
        for (const Migration &migration : folder.migrations()) {
            if (migration.upPath != m_pendingFiles.at(i))
                continue;
            if (!migration.isRepeatable() && !migration.hasRollback())
                pointOfNoReturn = tr("%1 has no rollback script").arg(m_pending.at(i));
        }
        for (const Finding &finding : std::as_const(m_findings)) {
            if (pointOfNoReturn.isEmpty() && finding.file == m_pendingFiles.at(i) && destructive(finding.rule))
                pointOfNoReturn = tr("%1 destroys data (%2 at line %3); its rollback cannot bring the data back")
                                      .arg(m_pending.at(i), finding.rule)
                                      .arg(finding.line);
        }
    }
    evidence += pointOfNoReturn.isEmpty() ? tr("\n**Point of no return:** none; every migration has a rollback and none destroys data.\n")
                                          : tr("\n**Point of no return:** %1.\n").arg(pointOfNoReturn);
    result.evidence = evidence;
    result.status = pointOfNoReturn.isEmpty() ? CheckResult::Status::Passed : CheckResult::Status::Warning;
    result.summary = tr("%n table(s) touched", nullptr, int(strongest.size()))
                     + (pointOfNoReturn.isEmpty() ? tr("; no point of no return") : tr("; point of no return: %1").arg(pointOfNoReturn));
    return finish(result, timer.elapsed());
}

