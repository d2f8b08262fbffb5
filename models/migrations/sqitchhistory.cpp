#include "sqitchhistory.h"

#include "db/connection.h"
#include "db/dberror.h"
#include "owntransaction.h"
#include "sqitchchange.h"
#include "sqlbool.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSysInfo>

#include <algorithm>
#include <optional>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace {

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// A text[] literal for a parameter: every element double-quoted.
QString arrayLiteral(const QStringList &items)
{
    QStringList quoted;
    for (QString item : items) {
        item.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        item.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        quoted << QLatin1Char('"') + item + QLatin1Char('"');
    }
    return QLatin1Char('{') + quoted.join(QLatin1Char(',')) + QLatin1Char('}');
}

QVariant orNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QString registryOf(const QList<Migration> &migrations)
{
    for (const Migration &migration : migrations) {
        if (migration.sqitchChange)
            return migration.sqitchChange->registry;
    }
    return QStringLiteral("sqitch");
}

QString projectOf(const QList<Migration> &migrations)
{
    for (const Migration &migration : migrations) {
        if (migration.sqitchChange)
            return migration.sqitchChange->project;
    }
    return {};
}

// App/Sqitch.pm's sysuser: the login name.
QString systemUser()
{
    QString user = qEnvironmentVariable("SQITCH_ORIG_SYSUSER");
#ifdef Q_OS_UNIX
    if (user.isEmpty()) {
        if (const char *login = getlogin())
            user = QString::fromLocal8Bit(login);
    }
    if (user.isEmpty()) {
        if (const passwd *entry = getpwuid(getuid()))
            user = QString::fromLocal8Bit(entry->pw_name);
    }
#endif
    for (const char *variable : {"LOGNAME", "USER", "USERNAME"}) {
        if (user.isEmpty())
            user = qEnvironmentVariable(variable);
    }
    return user;
}

const char *const registrySql[] = {
    // Engine/pg.sql of App::Sqitch 1.3.1 (registry 1.1), :"registry" replaced by the schema and
    // :tableopts left empty (it is only for Postgres-XC); the column comments are left out.
    "CREATE SCHEMA IF NOT EXISTS %1",
    "COMMENT ON SCHEMA %1 IS 'Sqitch database deployment metadata v1.1.'",
    "CREATE TABLE %1.releases (\n"
    "    version         REAL        PRIMARY KEY,\n"
    "    installed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),\n"
    "    installer_name  TEXT        NOT NULL,\n"
    "    installer_email TEXT        NOT NULL\n"
    ")",
    "COMMENT ON TABLE  %1.releases                 IS 'Sqitch registry releases.'",
    "CREATE TABLE %1.projects (\n"
    "    project         TEXT        PRIMARY KEY,\n"
    "    uri             TEXT            NULL UNIQUE,\n"
    "    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),\n"
    "    creator_name    TEXT        NOT NULL,\n"
    "    creator_email   TEXT        NOT NULL\n"
    ")",
    "COMMENT ON TABLE  %1.projects                IS 'Sqitch projects deployed to this database.'",
    "CREATE TABLE %1.changes (\n"
    "    change_id       TEXT        PRIMARY KEY,\n"
    "    script_hash     TEXT            NULL,\n"
    "    change          TEXT        NOT NULL,\n"
    "    project         TEXT        NOT NULL REFERENCES %1.projects(project) ON UPDATE CASCADE,\n"
    "    note            TEXT        NOT NULL DEFAULT '',\n"
    "    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),\n"
    "    committer_name  TEXT        NOT NULL,\n"
    "    committer_email TEXT        NOT NULL,\n"
    "    planned_at      TIMESTAMPTZ NOT NULL,\n"
    "    planner_name    TEXT        NOT NULL,\n"
    "    planner_email   TEXT        NOT NULL,\n"
    "    UNIQUE(project, script_hash)\n"
    ")",
    "COMMENT ON TABLE  %1.changes                 IS 'Tracks the changes currently deployed to the "
    "database.'",
    "CREATE TABLE %1.tags (\n"
    "    tag_id          TEXT        PRIMARY KEY,\n"
    "    tag             TEXT        NOT NULL,\n"
    "    project         TEXT        NOT NULL REFERENCES %1.projects(project) ON UPDATE CASCADE,\n"
    "    change_id       TEXT        NOT NULL REFERENCES %1.changes(change_id) ON UPDATE CASCADE,\n"
    "    note            TEXT        NOT NULL DEFAULT '',\n"
    "    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),\n"
    "    committer_name  TEXT        NOT NULL,\n"
    "    committer_email TEXT        NOT NULL,\n"
    "    planned_at      TIMESTAMPTZ NOT NULL,\n"
    "    planner_name    TEXT        NOT NULL,\n"
    "    planner_email   TEXT        NOT NULL,\n"
    "    UNIQUE(project, tag)\n"
    ")",
    "COMMENT ON TABLE  %1.tags                 IS 'Tracks the tags currently applied to the "
    "database.'",
    "CREATE TABLE %1.dependencies (\n"
    "    change_id       TEXT        NOT NULL REFERENCES %1.changes(change_id) ON UPDATE CASCADE "
    "ON DELETE CASCADE,\n"
    "    type            TEXT        NOT NULL,\n"
    "    dependency      TEXT        NOT NULL,\n"
    "    dependency_id   TEXT            NULL REFERENCES %1.changes(change_id) ON UPDATE CASCADE "
    "CONSTRAINT dependencies_check CHECK (\n"
    "            (type = 'require'  AND dependency_id IS NOT NULL)\n"
    "         OR (type = 'conflict' AND dependency_id IS NULL)\n"
    "    ),\n"
    "    PRIMARY KEY (change_id, dependency)\n"
    ")",
    "COMMENT ON TABLE  %1.dependencies               IS 'Tracks the currently satisfied "
    "dependencies.'",
    "CREATE TABLE %1.events (\n"
    "    event           TEXT        NOT NULL CONSTRAINT events_event_check CHECK (\n"
    "        event IN ('deploy', 'revert', 'fail', 'merge')\n"
    "    ),\n"
    "    change_id       TEXT        NOT NULL,\n"
    "    change          TEXT        NOT NULL,\n"
    "    project         TEXT        NOT NULL REFERENCES %1.projects(project) ON UPDATE CASCADE,\n"
    "    note            TEXT        NOT NULL DEFAULT '',\n"
    "    requires        TEXT[]      NOT NULL DEFAULT '{}',\n"
    "    conflicts       TEXT[]      NOT NULL DEFAULT '{}',\n"
    "    tags            TEXT[]      NOT NULL DEFAULT '{}',\n"
    "    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),\n"
    "    committer_name  TEXT        NOT NULL,\n"
    "    committer_email TEXT        NOT NULL,\n"
    "    planned_at      TIMESTAMPTZ NOT NULL,\n"
    "    planner_name    TEXT        NOT NULL,\n"
    "    planner_email   TEXT        NOT NULL,\n"
    "    PRIMARY KEY (change_id, committed_at)\n"
    ")",
    "COMMENT ON TABLE  %1.events                 IS 'Contains full history of all deployment "
    "events.'",
};

} // namespace

QString SqitchHistory::scriptHash(const QByteArray &file)
{
    // Change.pm's _deploy_hash: Digest::SHA 1 over slurp(iomode => '<:raw').
    return QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha1).toHex());
}

QString SqitchHistory::committerName(const SqitchChange *change)
{
    for (const QString &name : {qEnvironmentVariable("SQITCH_FULLNAME"),
                                change ? change->userName : QString(),
                                qEnvironmentVariable("SQITCH_ORIG_FULLNAME")}) {
        if (!name.isEmpty())
            return name;
    }
    const QString user = systemUser();
#ifdef Q_OS_UNIX
    // The account's full name: the first field of its GECOS entry.
    if (const passwd *entry = getpwnam(user.toLocal8Bit().constData())) {
        const QString gecos = QString::fromLocal8Bit(entry->pw_gecos).section(QLatin1Char(','), 0, 0);
        if (!gecos.isEmpty())
            return gecos;
    }
#endif
    return user;
}

QString SqitchHistory::committerEmail(const SqitchChange *change)
{
    for (const QString &email : {qEnvironmentVariable("SQITCH_EMAIL"),
                                 change ? change->userEmail : QString(),
                                 qEnvironmentVariable("SQITCH_ORIG_EMAIL")}) {
        if (!email.isEmpty())
            return email;
    }
    return systemUser() + QLatin1Char('@') + QSysInfo::machineHostName();
}

SqitchHistory::SqitchHistory(Connection &connection, const QList<Migration> &migrations)
    : m_connection(connection)
    , m_migrations(migrations)
    , m_registry(registryOf(migrations))
    , m_project(projectOf(migrations))
    , m_notes(connection, m_registry + QStringLiteral(".changes"))
{
    const SqitchChange *first = nullptr;
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (migration.sqitchChange && !first)
            first = migration.sqitchChange.get();
    }
    m_name = committerName(first);
    m_email = committerEmail(first);
}

QString SqitchHistory::table(const char *name) const
{
    return quoteIdentifier(m_registry) + QLatin1Char('.') + QLatin1String(name);
}

bool SqitchHistory::exists()
{
    // Engine/pg.pm's initialized().
    return sqlTrue(m_connection
                       .fetchAll(QStringLiteral("SELECT EXISTS(SELECT TRUE FROM "
                                                "pg_catalog.pg_tables WHERE schemaname = $1 "
                                                "AND tablename = 'changes')"),
                                 {m_registry})
                       .text(0, 0));
}

void SqitchHistory::create()
{
    if (m_connection.engine() != Connection::Engine::PostgreSQL)
        throw DbException(
            DbError::clientError(tr("Slipway keeps Sqitch's registry on PostgreSQL only.")));
    if (!exists()) {
        // Sqitch runs pg.sql in one transaction; so does this, unless the caller has one open.
        std::optional<OwnTransaction> transaction;
        if (m_connection.transactionState() == Connection::TransactionState::Idle)
            transaction.emplace(m_connection);
        for (const char *statement : registrySql)
            m_connection.execute(QString::fromLatin1(statement).arg(quoteIdentifier(m_registry)));
        // _register_release: registry version 1.1 and who installed it.
        m_connection.execute(QStringLiteral("INSERT INTO %1 (version, installed_at, "
                                            "installer_name, installer_email) "
                                            "VALUES ($1, clock_timestamp(), $2, $3)")
                                 .arg(table("releases")),
                             {QStringLiteral("1.1"), m_name, m_email});
        if (transaction)
            transaction->commit();
    }
    m_notes.create();
}

const Migration *SqitchHistory::migrationOf(const QString &version) const
{
    MigrationVersion parsed;
    if (!MigrationVersion::parse(version, &parsed))
        return nullptr;
    for (const Migration &migration : m_migrations) {
        if (!migration.isRepeatable() && migration.version == parsed && migration.sqitchChange)
            return &migration;
    }
    return nullptr;
}

int SqitchHistory::addRank(const Ranked &ranked)
{
    int rank = int(m_byRank.size()) + 1;
    while (m_byRank.contains(rank))
        ++rank;
    m_byRank.insert(rank, ranked);
    return rank;
}

QList<HistoryRow> SqitchHistory::read()
{
    m_byRank.clear();
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const QHash<QString, ToolHistoryNotes::Note> notes = m_notes.read();
    const RowBatch registry = m_connection.fetchAll(
        QStringLiteral("SELECT change_id, script_hash, change, committer_name, committed_at "
                       "FROM %1 WHERE $1 = '' OR project = $1 ORDER BY committed_at, change_id")
            .arg(table("changes")),
        {m_project});
    QHash<QString, const Migration *> byId;
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (migration.sqitchChange)
            byId.insert(migration.sqitchChange->id, &migration);
    }
    QSet<QString> deployedIds;
    for (int r = 0; r < registry.rowCount(); ++r)
        deployedIds.insert(registry.text(r, 0));
    QSet<const Migration *> matched;
    QString before = QStringLiteral("0"); // the plan change deployed last so far
    for (int r = 0; r < registry.rowCount(); ++r) {
        const QString changeId = registry.text(r, 0);
        const QString name = registry.text(r, 2);
        const Migration *migration = byId.value(changeId);
        bool byName = false;
        if (!migration) {
            // The plan line was edited: the first change of that name whose own id is not in
            // the registry, so a change deployed as it is keeps its row.
            for (const Migration &candidate : std::as_const(m_migrations)) {
                if (candidate.sqitchChange && candidate.sqitchChange->name == name
                    && !matched.contains(&candidate)
                    && !deployedIds.contains(candidate.sqitchChange->id)) {
                    migration = &candidate;
                    byName = true;
                    break;
                }
            }
        }
        HistoryRow row;
        row.type = QStringLiteral("SQL");
        row.description = name;
        row.checksum = registry.text(r, 1);
        row.installedBy = registry.text(r, 3);
        row.installedOn = registry.text(r, 4);
        if (migration && !matched.contains(migration)) {
            matched.insert(migration);
            row.version = migration->version.text();
            before = row.version;
            const QFileInfo deploy(migration->upPath);
            row.script = deploy.dir().dirName() + QLatin1Char('/') + deploy.fileName();
            if (byName)
                row.toolState = tr("change id %1 in the registry, %2 in sqitch.plan: the plan "
                                   "changed since it was deployed, and Sqitch will not find it")
                                    .arg(changeId.left(12), migration->sqitchChange->id.left(12));
        } else {
            migration = nullptr;
            row.version = QStringLiteral("%1.%2").arg(before).arg(r + 1);
            row.script = tr("not in sqitch.plan (change id %1)").arg(changeId.left(12));
        }
        Ranked ranked;
        ranked.changeId = changeId;
        ranked.migration = migration;
        ranked.deployed = true;
        row.rank = addRank(ranked);
        rows << row;
    }
    // Part-way outside a transaction: Sqitch's rows are written only at the end.
    for (const ToolHistoryNotes::Note &note : notes) {
        const Migration *migration = byId.value(note.version);
        if (note.success || !migration || deployedIds.contains(note.version))
            continue;
        HistoryRow row;
        row.version = migration->version.text();
        row.description = migration->description;
        row.type = QStringLiteral("SQL");
        row.script = QFileInfo(migration->upPath).fileName();
        row.checksum = note.checksum;
        row.success = false;
        row.executionMs = note.executionMs;
        row.statementsDone = note.statementsDone;
        row.statementsTotal = note.statementsTotal;
        Ranked ranked;
        ranked.changeId = note.version;
        ranked.migration = migration;
        ranked.note = note;
        row.rank = addRank(ranked);
        rows << row;
    }
    return rows;
}

int SqitchHistory::insert(const HistoryRow &row)
{
    const Migration *migration = migrationOf(row.version);
    if (!migration)
        throw DbException(DbError::clientError(
            tr("Sqitch records the changes of its plan; version %1 is not one of them")
                .arg(row.version)));
    Ranked ranked;
    ranked.changeId = migration->sqitchChange->id;
    ranked.migration = migration;
    if (row.success) {
        logDeploy(*migration, row.checksum);
        ranked.deployed = true;
    } else {
        ranked.note.version = ranked.changeId;
        ranked.note.checksum = row.checksum;
        ranked.note.success = false;
        ranked.note.statementsDone = row.statementsDone;
        ranked.note.statementsTotal = row.statementsTotal;
        ranked.note.executionMs = row.executionMs;
        m_notes.write(ranked.note);
    }
    return addRank(ranked);
}

void SqitchHistory::updateProgress(int rank, int statementsDone, bool success, qint64 executionMs)
{
    Ranked &ranked = m_byRank[rank];
    if (success && !ranked.deployed && ranked.migration) {
        QString hash = ranked.note.checksum;
        if (hash.isEmpty()) {
            QFile file(ranked.migration->upPath);
            if (file.open(QIODevice::ReadOnly))
                hash = scriptHash(file.readAll());
        }
        logDeploy(*ranked.migration, hash);
        ranked.deployed = true;
    }
    ranked.note.statementsDone = statementsDone;
    ranked.note.success = success;
    ranked.note.executionMs = executionMs;
    m_notes.recordProgress(ranked.changeId, statementsDone, success, executionMs);
}

void SqitchHistory::updateChecksum(int rank, const QString &checksum)
{
    Ranked &ranked = m_byRank[rank];
    if (ranked.deployed) {
        // Accepting the script's new text (repair): the registry keeps the hash.
        m_connection.execute(QStringLiteral("UPDATE %1 SET script_hash = $1 WHERE change_id = $2")
                                 .arg(table("changes")),
                             {orNull(checksum), ranked.changeId});
        return;
    }
    ranked.note.version = ranked.changeId;
    ranked.note.checksum = checksum;
    m_notes.write(ranked.note);
}

void SqitchHistory::remove(int rank)
{
    const Ranked ranked = m_byRank.take(rank);
    if (ranked.changeId.isEmpty())
        return;
    if (ranked.deployed)
        logRevert(ranked.changeId);
    m_notes.remove(ranked.changeId);
}

void SqitchHistory::registerProject(const SqitchChange &change)
{
    // DBIEngine's register_project: one row per project, its URI as the plan writes it.
    const QVariant uri = orNull(change.uriAsWritten);
    const RowBatch found = m_connection.fetchAll(QStringLiteral(
                                                     "SELECT uri FROM %1 WHERE project = $1")
                                                     .arg(table("projects")),
                                                 {change.project});
    if (found.rowCount() > 0) {
        const QString registered = found.isNull(0, 0) ? QString() : found.text(0, 0);
        if (registered != change.uriAsWritten)
            throw DbException(DbError::clientError(
                tr("Sqitch's registry knows the project \"%1\" with the URI %2, but sqitch.plan "
                   "says %3")
                    .arg(change.project,
                         registered.isEmpty() ? QStringLiteral("NULL") : registered,
                         change.uriAsWritten.isEmpty() ? QStringLiteral("none")
                                                       : change.uriAsWritten)));
        return;
    }
    if (!change.uriAsWritten.isEmpty()) {
        const RowBatch other = m_connection.fetchAll(QStringLiteral(
                                                         "SELECT project FROM %1 WHERE uri = $1")
                                                         .arg(table("projects")),
                                                     {uri});
        if (other.rowCount() > 0)
            throw DbException(DbError::clientError(
                tr("Cannot register the project \"%1\" with the URI %2: the project \"%3\" in "
                   "Sqitch's registry has it")
                    .arg(change.project, change.uriAsWritten, other.text(0, 0))));
    }
    m_connection.execute(QStringLiteral("INSERT INTO %1 (project, uri, creator_name, "
                                        "creator_email, created_at) VALUES ($1, $2, $3, $4, "
                                        "clock_timestamp())")
                             .arg(table("projects")),
                         {change.project, uri, m_name, m_email});
}

// Engine.pm's change_id_for_depend (DBIEngine change_id_for with first => 1): the deployed
// change a dependency names; empty when none is.
QString SqitchHistory::resolve(const QString &project, const SqitchDependency &dependency)
{
    const auto first = [this](const QString &sql, const QVariantList &params) {
        const RowBatch rows = m_connection.fetchAll(sql, params);
        return rows.rowCount() > 0 ? rows.text(0, 0) : QString();
    };
    const QString changes = table("changes");
    if (!dependency.id.isEmpty())
        return first(QStringLiteral("SELECT change_id FROM %1 WHERE change_id = $1").arg(changes),
                     {dependency.id});
    const QString inProject = dependency.project.isEmpty() ? project : dependency.project;
    if (!dependency.change.isEmpty()) {
        if (dependency.tag == QLatin1String("ROOT"))
            return {};
        if (dependency.tag == QLatin1String("HEAD"))
            return first(QStringLiteral("SELECT change_id FROM %1 WHERE project = $1 AND change "
                                        "= $2 ORDER BY committed_at DESC LIMIT 1")
                             .arg(changes),
                         {inProject, dependency.change});
        if (!dependency.tag.isEmpty())
            return first(QStringLiteral("SELECT changes.change_id FROM %1 changes JOIN %2 tags "
                                        "ON changes.committed_at <= tags.committed_at "
                                        "AND changes.project = tags.project "
                                        "WHERE changes.project = $1 AND changes.change = $2 "
                                        "AND tags.tag = $3 "
                                        "ORDER BY changes.committed_at DESC LIMIT 1")
                             .arg(changes, table("tags")),
                         {inProject, dependency.change, QLatin1Char('@') + dependency.tag});
        return first(QStringLiteral("SELECT change_id FROM %1 WHERE project = $1 AND change = $2 "
                                    "ORDER BY committed_at ASC LIMIT 1")
                         .arg(changes),
                     {inProject, dependency.change});
    }
    if (dependency.tag == QLatin1String("HEAD") || dependency.tag == QLatin1String("ROOT"))
        return first(QStringLiteral("SELECT change_id FROM %1 WHERE project = $1 "
                                    "ORDER BY committed_at %2 LIMIT 1")
                         .arg(changes,
                              dependency.tag == QLatin1String("HEAD") ? QStringLiteral("DESC")
                                                                      : QStringLiteral("ASC")),
                     {inProject});
    return first(QStringLiteral("SELECT change_id FROM %1 WHERE project = $1 AND tag = $2")
                     .arg(table("tags")),
                 {inProject, QLatin1Char('@') + dependency.tag});
}

bool SqitchHistory::isDeployed(const QString &changeId)
{
    return m_connection
               .fetchAll(QStringLiteral("SELECT 1 FROM %1 WHERE change_id = $1")
                             .arg(table("changes")),
                         {changeId})
               .rowCount()
           > 0;
}

void SqitchHistory::logNewTags(const SqitchChange &change)
{
    // pg.pm's log_new_tags: the tags added to the plan after the change was deployed.
    for (const SqitchTag &tag : change.tags) {
        m_connection
            .execute(QStringLiteral(
                         "INSERT INTO %1 (tag_id, tag, project, change_id, note, "
                         "committer_name, committer_email, planned_at, planner_name, "
                         "planner_email) SELECT $1, $2, $3, $4, $5, $6, $7, $8::timestamptz, "
                         "$9, $10 WHERE NOT EXISTS (SELECT 1 FROM %1 WHERE tag_id = $1)")
                         .arg(table("tags")),
                     {tag.id,
                      QLatin1Char('@') + tag.name,
                      change.project,
                      change.id,
                      tag.note,
                      m_name,
                      m_email,
                      tag.plannedAt,
                      tag.plannerName,
                      tag.plannerEmail});
    }
}

void SqitchHistory::logDeploy(const Migration &migration, const QString &scriptHash)
{
    const SqitchChange &change = *migration.sqitchChange;
    registerProject(change);
    // Sqitch's deploy starts by logging the newest deployed change's new tags (_sync_plan). A
    // parent without tags has none to log: no query for it, the usual case of every change.
    for (const Migration &other : std::as_const(m_migrations)) {
        if (other.sqitchChange && !change.parentId.isEmpty()
            && other.sqitchChange->id == change.parentId && !other.sqitchChange->tags.isEmpty()
            && isDeployed(change.parentId))
            logNewTags(*other.sqitchChange);
    }
    // check_deploy_dependencies: no conflicting change deployed, every required one deployed.
    QStringList requireIds;
    QStringList problems;
    for (const SqitchDependency &dependency : change.conflicts) {
        // Depend->id looks a change of this project up in the plan, and dies without it.
        const bool ownProject = dependency.project.isEmpty()
                                || dependency.project == change.project;
        if (ownProject && dependency.id.isEmpty() && !dependency.change.isEmpty()
            && std::none_of(m_migrations.cbegin(), m_migrations.cend(), [&](const Migration &m) {
                   return m.sqitchChange && m.sqitchChange->name == dependency.change;
               }))
            problems << tr("%1 conflicts with %2, which sqitch.plan does not list (Sqitch "
                           "refuses to deploy it)")
                            .arg(change.name, dependency.text);
        else if (!resolve(change.project, dependency).isEmpty())
            problems << tr("%1 conflicts with the deployed change %2")
                            .arg(change.name, dependency.text);
    }
    for (const SqitchDependency &dependency : change.requirements) {
        const QString id = resolve(change.project, dependency);
        if (id.isEmpty())
            problems << tr("%1 requires %2, which is not deployed").arg(change.name, dependency.text);
        requireIds << id;
    }
    if (!problems.isEmpty())
        throw DbException(DbError::clientError(problems.join(QLatin1Char('\n'))));

    m_connection.execute(QStringLiteral("INSERT INTO %1 (change_id, script_hash, change, project, "
                                        "note, committer_name, committer_email, planned_at, "
                                        "planner_name, planner_email, committed_at) VALUES ($1, "
                                        "$2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $10, "
                                        "clock_timestamp())")
                             .arg(table("changes")),
                         {change.id,
                          orNull(scriptHash),
                          change.name,
                          change.project,
                          change.note,
                          m_name,
                          m_email,
                          change.plannedAt,
                          change.plannerName,
                          change.plannerEmail});
    const auto insertDependency = [&](const SqitchDependency &dependency, const QVariant &id) {
        m_connection.execute(QStringLiteral("INSERT INTO %1 (change_id, type, dependency, "
                                            "dependency_id) VALUES ($1, $2, $3, $4)")
                                 .arg(table("dependencies")),
                             {change.id,
                              dependency.conflict ? QStringLiteral("conflict")
                                                  : QStringLiteral("require"),
                              dependency.text,
                              id});
    };
    QStringList requiresText;
    QStringList conflictsText;
    for (qsizetype i = 0; i < change.requirements.size(); ++i) {
        insertDependency(change.requirements.at(i), requireIds.at(i));
        requiresText << change.requirements.at(i).text;
    }
    for (const SqitchDependency &dependency : change.conflicts) {
        insertDependency(dependency, QVariant());
        conflictsText << dependency.text;
    }
    QStringList tagNames;
    for (const SqitchTag &tag : change.tags) {
        tagNames << QLatin1Char('@') + tag.name;
        m_connection.execute(QStringLiteral(
                                 "INSERT INTO %1 (tag_id, tag, project, change_id, note, "
                                 "committer_name, committer_email, planned_at, planner_name, "
                                 "planner_email, committed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                                 "$8::timestamptz, $9, $10, clock_timestamp())")
                                 .arg(table("tags")),
                             {tag.id,
                              tagNames.last(),
                              change.project,
                              change.id,
                              tag.note,
                              m_name,
                              m_email,
                              tag.plannedAt,
                              tag.plannerName,
                              tag.plannerEmail});
    }
    m_connection.execute(QStringLiteral("INSERT INTO %1 (event, change_id, change, project, note, "
                                        "tags, requires, conflicts, committer_name, "
                                        "committer_email, planned_at, planner_name, "
                                        "planner_email, committed_at) VALUES ('deploy', $1, $2, "
                                        "$3, $4, $5::text[], $6::text[], $7::text[], $8, $9, "
                                        "$10::timestamptz, $11, $12, clock_timestamp())")
                             .arg(table("events")),
                         {change.id,
                          change.name,
                          change.project,
                          change.note,
                          arrayLiteral(tagNames),
                          arrayLiteral(requiresText),
                          arrayLiteral(conflictsText),
                          m_name,
                          m_email,
                          change.plannedAt,
                          change.plannerName,
                          change.plannerEmail});
}

void SqitchHistory::logRevert(const QString &changeId)
{
    // pg.pm's log_revert_change: the tags go (their names logged), the dependencies are read,
    // the change row goes (its dependencies with it), then the event. The event's fields are
    // the registry row's: the plan's own when the ids match, and there even when they do not.
    const RowBatch tags = m_connection.fetchAll(
        QStringLiteral("WITH deleted AS (DELETE FROM %1 WHERE change_id = $1 RETURNING tag) "
                       "SELECT coalesce(array_agg(tag), '{}')::text FROM deleted")
            .arg(table("tags")),
        {changeId});
    const RowBatch dependencies = m_connection.fetchAll(
        QStringLiteral("SELECT ARRAY(SELECT dependency FROM %1 WHERE change_id = $1 AND type = "
                       "'require')::text, ARRAY(SELECT dependency FROM %1 WHERE change_id = $1 "
                       "AND type = 'conflict')::text")
            .arg(table("dependencies")),
        {changeId});
    const RowBatch deleted = m_connection.fetchAll(
        QStringLiteral("DELETE FROM %1 WHERE change_id = $1 RETURNING change, project, note, "
                       "planned_at, planner_name, planner_email")
            .arg(table("changes")),
        {changeId});
    if (deleted.rowCount() == 0)
        return; // reverted by someone else meanwhile
    m_connection.execute(QStringLiteral("INSERT INTO %1 (event, change_id, change, project, note, "
                                        "tags, requires, conflicts, committer_name, "
                                        "committer_email, planned_at, planner_name, "
                                        "planner_email, committed_at) VALUES ('revert', $1, $2, "
                                        "$3, $4, $5::text[], $6::text[], $7::text[], $8, $9, "
                                        "$10::timestamptz, $11, $12, clock_timestamp())")
                             .arg(table("events")),
                         {changeId,
                          deleted.text(0, 0),
                          deleted.text(0, 1),
                          deleted.text(0, 2),
                          tags.text(0, 0),
                          dependencies.text(0, 0),
                          dependencies.text(0, 1),
                          m_name,
                          m_email,
                          deleted.text(0, 3),
                          deleted.text(0, 4),
                          deleted.text(0, 5)});
}
