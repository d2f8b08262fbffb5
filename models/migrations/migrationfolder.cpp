#include "migrationfolder.h"

#include "liquibasechangelog.h"
#include "sql/sqlscript.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace {

QStringList sqlFiles(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
}

bool isDir(const QString &path)
{
    return QFileInfo(path).isDir();
}

QString describe(QString text)
{
    return text.replace(QLatin1Char('_'), QLatin1Char(' ')).trimmed();
}

// A file name matched against a dialect's pattern, with the version read from one capture group.
struct VersionedName
{
    QRegularExpressionMatch match;
    MigrationVersion version;
    bool ok = false; // the pattern matched and the version parsed
};

VersionedName matchVersioned(const QRegularExpression &pattern,
                             const QString &file,
                             int versionGroup = 1)
{
    VersionedName name;
    name.match = pattern.match(file);
    name.ok = name.match.hasMatch()
              && MigrationVersion::parse(name.match.captured(versionGroup), &name.version);
    return name;
}

bool hasDbmateMarker(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(64 * 1024).contains("-- migrate:up");
}

// Splits a dbmate file into its sections: returns the text with everything outside the wanted
// section (marker line included) blanked. `found` tells whether the section marker exists.
QString dbmateSection(const QString &text, bool up, bool *found)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    QString result;
    result.reserve(text.size());
    enum { Before, Up, Down } section = Before;
    *found = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("-- migrate:up")))
            section = Up;
        else if (trimmed.startsWith(QLatin1String("-- migrate:down")))
            section = Down;
        const bool marker = trimmed.startsWith(QLatin1String("-- migrate:"));
        // The section's own marker line stays: it is a comment, and its options
        // (transaction:false) matter to whoever runs the script.
        const bool keep = (up && section == Up) || (!up && section == Down);
        if (marker && keep)
            *found = true;
        result += keep ? line : QString(line.size(), QLatin1Char(' '));
        if (i + 1 < lines.size())
            result += QLatin1Char('\n');
    }
    return result;
}

// Refuses NUL bytes and invalid UTF-8 (see SqlFile) for the linter and the runner alike.
bool readFile(const QString &path, QString *text, QString *error)
{
    return SqlFile::read(path, text, error);
}

} // namespace

QString MigrationFolder::dialectName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Flyway:
        return QStringLiteral("flyway");
    case Dialect::Seeds:
        return QStringLiteral("seeds");
    case Dialect::UpDown:
        return QStringLiteral("up-down");
    case Dialect::Dbmate:
        return QStringLiteral("dbmate");
    case Dialect::Prisma:
        return QStringLiteral("prisma");
    case Dialect::Drizzle:
        return QStringLiteral("drizzle");
    case Dialect::Liquibase:
        return QStringLiteral("liquibase");
    case Dialect::Sqitch:
        return QStringLiteral("sqitch");
    case Dialect::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

MigrationFolder::Dialect MigrationFolder::dialectFromName(const QString &name)
{
    for (Dialect dialect : {Dialect::Flyway,
                            Dialect::Seeds,
                            Dialect::UpDown,
                            Dialect::Dbmate,
                            Dialect::Prisma,
                            Dialect::Drizzle,
                            Dialect::Liquibase,
                            Dialect::Sqitch}) {
        if (dialectName(dialect) == name.trimmed().toLower())
            return dialect;
    }
    return Dialect::Unknown;
}

MigrationFolder::Dialect MigrationFolder::detect(const QString &directory)
{
    const QDir dir(directory);
    if (isDir(dir.filePath(QStringLiteral("migrations")))
        && isDir(dir.filePath(QStringLiteral("rollback"))))
        return Dialect::Seeds;
    if (dir.dirName() == QLatin1String("migrations")
        && isDir(dir.filePath(QStringLiteral("../rollback"))))
        return Dialect::Seeds;
    if (looksLikePrisma(directory))
        return Dialect::Prisma;
    if (QFileInfo::exists(dir.filePath(QStringLiteral("meta/_journal.json"))))
        return Dialect::Drizzle;
    if (QFileInfo::exists(dir.filePath(QStringLiteral("sqitch.plan"))))
        return Dialect::Sqitch;
    const QStringList files = sqlFiles(directory);
    for (const QString &file : files) {
        if (isLiquibaseChangelog(dir.filePath(file)))
            return Dialect::Liquibase;
    }
    for (const QString &file : files) {
        if (file.endsWith(QLatin1String(".up.sql")) || file.endsWith(QLatin1String(".down.sql")))
            return Dialect::UpDown;
    }
    for (const QString &file : files) {
        if (hasDbmateMarker(dir.filePath(file)))
            return Dialect::Dbmate;
    }
    static const QRegularExpression flyway(QStringLiteral("^([VU]\\d|R__)"));
    for (const QString &file : files) {
        if (flyway.match(file).hasMatch())
            return Dialect::Flyway;
    }
    if (hasNestedLiquibaseChangelogs(directory))
        return Dialect::Liquibase;
    return Dialect::Unknown;
}

MigrationFolder MigrationFolder::read(const QString &directory, Dialect dialect)
{
    MigrationFolder folder;
    folder.m_directory = QDir(directory).absolutePath();
    if (!isDir(folder.m_directory)) {
        folder.m_errors.append(tr("%1: not a folder").arg(directory));
        return folder;
    }
    folder.m_dialect = dialect == Dialect::Unknown ? detect(folder.m_directory) : dialect;
    const QDir dir(folder.m_directory);
    switch (folder.m_dialect) {
    case Dialect::Flyway:
        folder.readFlyway(folder.m_directory, folder.m_directory);
        break;
    case Dialect::Seeds:
        if (dir.dirName() == QLatin1String("migrations")
            && !isDir(dir.filePath(QStringLiteral("migrations"))))
            folder.readFlyway(folder.m_directory,
                              QDir::cleanPath(dir.filePath(QStringLiteral("../rollback"))));
        else
            folder.readFlyway(dir.filePath(QStringLiteral("migrations")),
                              dir.filePath(QStringLiteral("rollback")));
        break;
    case Dialect::UpDown:
        folder.readUpDown();
        break;
    case Dialect::Dbmate:
        folder.readDbmate();
        break;
    case Dialect::Prisma:
        folder.readPrisma();
        break;
    case Dialect::Drizzle:
        folder.readDrizzle();
        break;
    case Dialect::Liquibase:
        folder.readLiquibase();
        break;
    case Dialect::Sqitch:
        folder.readSqitch();
        break;
    case Dialect::Unknown:
        folder.m_errors.append(
            tr("%1: no migrations found (expected V<version>__<description>.sql, "
               "<version>_<description>.up.sql, dbmate files with -- migrate:up, a Prisma "
               "migrations folder, a Drizzle folder with meta/_journal.json, Liquibase formatted "
               "SQL changelogs or a Sqitch project with sqitch.plan)")
                .arg(folder.m_directory));
        return folder;
    }
    folder.finish();
    return folder;
}

MigrationFolder::FileName MigrationFolder::parseFileName(Dialect dialect,
                                                         const QString &name,
                                                         bool rollbackFolder)
{
    static const QRegularExpression versioned(
        QStringLiteral("^([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql$"));
    static const QRegularExpression repeatable(QStringLiteral("^R__(.+)\\.sql$"));
    static const QRegularExpression rollback(
        QStringLiteral("^[RU](\\d+(?:[._]\\d+)*)__(.+)\\.sql$"));
    static const QRegularExpression upDown(
        QStringLiteral("^V?(\\d+(?:[._]\\d+)*)[._]([^.].*)\\.(up|down)\\.sql$"));
    static const QRegularExpression dbmate(QStringLiteral("^(\\d+)_(.+)\\.sql$"));

    FileName result;
    auto versionedAs = [&](FileName::Role role, const VersionedName &parsed, int descriptionGroup) {
        result.role = role;
        result.version = parsed.version;
        if (role == FileName::Role::Up)
            result.description = describe(parsed.match.captured(descriptionGroup));
    };
    switch (dialect) {
    case Dialect::Flyway:
    case Dialect::Seeds:
        if (dialect == Dialect::Seeds && rollbackFolder) {
            if (const VersionedName parsed = matchVersioned(rollback, name); parsed.ok)
                versionedAs(FileName::Role::Down, parsed, 0);
        } else if (const VersionedName parsed = matchVersioned(versioned, name, 2); parsed.ok) {
            versionedAs(parsed.match.captured(1) == QLatin1String("V") ? FileName::Role::Up
                                                                       : FileName::Role::Down,
                        parsed,
                        3);
        } else if (const QRegularExpressionMatch r = repeatable.match(name); r.hasMatch()) {
            result.role = FileName::Role::Repeatable;
            result.description = describe(r.captured(1));
        }
        break;
    case Dialect::UpDown:
        if (const VersionedName parsed = matchVersioned(upDown, name); parsed.ok) {
            versionedAs(parsed.match.captured(3) == QLatin1String("up") ? FileName::Role::Up
                                                                        : FileName::Role::Down,
                        parsed,
                        2);
        }
        break;
    case Dialect::Dbmate:
        if (const VersionedName parsed = matchVersioned(dbmate, name); parsed.ok)
            versionedAs(FileName::Role::Up, parsed, 2);
        break;
    case Dialect::Prisma: // its migrations are folders, not file names
        break;
    case Dialect::Drizzle:
        return parseDrizzleFileName(name);
    case Dialect::Liquibase: // changesets are parts of files, Sqitch's changes lines of its plan
    case Dialect::Sqitch:
    case Dialect::Unknown:
        break;
    }
    return result;
}

void MigrationFolder::readFlyway(const QString &directory, const QString &rollbackDirectory)
{
    const bool separateRollbacks = directory != rollbackDirectory;
    const QDir dir(directory);
    for (const QString &file : sqlFiles(directory)) {
        const QString path = dir.filePath(file);
        const FileName name = parseFileName(m_dialect, file);
        switch (name.role) {
        case FileName::Role::Up:
            addUp(name.version, name.description, path);
            break;
        case FileName::Role::Down:
            addDown(name.version, path);
            break;
        case FileName::Role::Repeatable: {
            Migration migration;
            migration.description = name.description;
            migration.upPath = path;
            m_migrations.append(migration);
            break;
        }
        case FileName::Role::None:
            m_errors.append(tr("%1: the name fits no migration pattern (expected "
                               "V<version>__<description>.sql, "
                               "U<version>__… for an undo or R__<description>.sql for a repeatable "
                               "migration)")
                                .arg(path));
            break;
        }
    }
    if (!separateRollbacks)
        return;
    const QDir rollbacks(rollbackDirectory);
    for (const QString &file : sqlFiles(rollbackDirectory)) {
        const QString path = rollbacks.filePath(file);
        if (const FileName name = parseFileName(Dialect::Seeds, file, true);
            name.role == FileName::Role::Down)
            addDown(name.version, path);
        else
            m_errors.append(
                tr("%1: the name fits no rollback pattern (expected R<version>__<description>.sql)")
                    .arg(path));
    }
}

void MigrationFolder::readUpDown()
{
    const QDir dir(m_directory);
    for (const QString &file : sqlFiles(m_directory)) {
        const QString path = dir.filePath(file);
        const FileName name = parseFileName(Dialect::UpDown, file);
        if (name.role == FileName::Role::Up) {
            addUp(name.version, name.description, path);
        } else if (name.role == FileName::Role::Down) {
            addDown(name.version, path);
        } else {
            m_errors.append(tr("%1: the name fits no migration pattern (expected "
                               "<version>_<description>.up.sql or .down.sql)")
                                .arg(path));
        }
    }
}

void MigrationFolder::readDbmate()
{
    const QDir dir(m_directory);
    for (const QString &file : sqlFiles(m_directory)) {
        const QString path = dir.filePath(file);
        const FileName name = parseFileName(Dialect::Dbmate, file);
        if (name.role != FileName::Role::Up) {
            m_errors.append(
                tr("%1: the name fits no migration pattern (expected <version>_<description>.sql)")
                    .arg(path));
            continue;
        }
        if (!hasDbmateMarker(path)) {
            m_errors.append(tr("%1: line 1: expected a -- migrate:up line").arg(path));
            continue;
        }
        if (!addUp(name.version, name.description, path))
            continue; // a duplicate version: reported, and the last migration is another file's
        Migration &migration = m_migrations.last();
        migration.sections = true;
        QString text;
        QString error;
        bool found = false;
        if (readFile(path, &text, &error)) {
            dbmateSection(text, false, &found);
            if (found)
                migration.downPath = path;
        }
    }
}

bool MigrationFolder::addUp(const MigrationVersion &version,
                            const QString &description,
                            const QString &path)
{
    for (const Migration &other : std::as_const(m_migrations)) {
        if (!other.isRepeatable() && other.version == version) {
            m_errors.append(
                tr("%1 and %2: both have version %3").arg(other.upPath, path, version.normalized()));
            return false;
        }
    }
    Migration migration;
    migration.version = version;
    migration.description = description;
    migration.upPath = path;
    m_migrations.append(migration);
    return true;
}

void MigrationFolder::addDown(const MigrationVersion &version, const QString &path)
{
    m_downs.append({version, path});
}

void MigrationFolder::finish()
{
    for (const auto &down : std::as_const(m_downs)) {
        // Not a structured binding: clang 14 cannot capture those in a lambda.
        const MigrationVersion &version = down.first;
        const QString &path = down.second;
        auto it = std::find_if(m_migrations.begin(), m_migrations.end(), [&](const Migration &m) {
            return !m.isRepeatable() && m.version == version;
        });
        if (it == m_migrations.end())
            m_errors.append(tr("%1: rollback of version %2, which has no migration")
                                .arg(path, version.normalized()));
        else if (it->hasRollback())
            m_errors.append(tr("%1 and %2: two rollbacks for version %3")
                                .arg(it->downPath, path, version.normalized()));
        else
            it->downPath = path;
    }
    std::stable_sort(m_migrations.begin(),
                     m_migrations.end(),
                     [](const Migration &a, const Migration &b) {
                         if (a.isRepeatable() != b.isRepeatable())
                             return !a.isRepeatable();
                         if (a.isRepeatable())
                             return a.description < b.description;
                         return a.version < b.version;
                     });
}

QString Migration::key() const
{
    return changeSet ? QStringLiteral("%1#%2").arg(upPath).arg(changeSet->firstLine) : upPath;
}

bool MigrationFolder::readUp(const Migration &migration, QString *text, QString *error)
{
    if (!readFile(migration.upPath, text, error))
        return false;
    if (migration.changeSet) {
        *text = LiquibaseChangelog::upText(*text, *migration.changeSet);
    } else if (migration.sections) {
        bool found = false;
        *text = dbmateSection(*text, true, &found);
    }
    return true;
}

QString MigrationFolder::upSection(const QString &fileText)
{
    bool found = false;
    return dbmateSection(fileText, true, &found);
}

bool MigrationFolder::readDown(const Migration &migration, QString *text, QString *error)
{
    if (!migration.hasRollback()) {
        *error = tr("%1: has no rollback script").arg(migration.upPath);
        return false;
    }
    if (!readFile(migration.downPath, text, error))
        return false;
    if (migration.changeSet) {
        *text = LiquibaseChangelog::downText(*text, *migration.changeSet);
    } else if (migration.sections) {
        bool found = false;
        *text = dbmateSection(*text, false, &found);
    }
    return true;
}

bool MigrationFolder::declaresNoTransaction(const QString &text)
{
    const QString first = text.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (first == QLatin1String("-- slipway:no-transaction"))
        return true;
    static const QRegularExpression dbmate(QStringLiteral(
                                               "^--\\s*migrate:up\\b.*\\btransaction:false\\b"),
                                           QRegularExpression::MultilineOption);
    return dbmate.match(text).hasMatch() || LiquibaseChangelog::declaresNoTransaction(text);
}

bool MigrationFolder::configuredNoTransaction(const QString &scriptPath)
{
    QFile config(scriptPath + QStringLiteral(".conf"));
    if (!config.open(QIODevice::ReadOnly))
        return false;
    // Java properties as Flyway reads them: key=value (or key: value), # and ! comments.
    static const QRegularExpression setting(QStringLiteral(
                                                "^\\s*executeInTransaction\\s*[=:]\\s*false\\s*$"),
                                            QRegularExpression::MultilineOption
                                                | QRegularExpression::CaseInsensitiveOption);
    return setting.match(QString::fromUtf8(config.read(64 * 1024))).hasMatch();
}

MigrationFolder::NewFiles MigrationFolder::newMigration(const QString &description, int step) const
{
    // Timestamp versions stay timestamps; counters go up by one with the same zero padding.
    MigrationVersion last;
    for (const Migration &migration : m_migrations) {
        if (!migration.isRepeatable())
            last = migration.version;
    }
    const bool timestamps = m_dialect == Dialect::UpDown || m_dialect == Dialect::Dbmate
                            || m_dialect == Dialect::Prisma || m_dialect == Dialect::Liquibase
                            || last.text().size() >= 12;
    NewFiles files;
    if (timestamps) {
        // After the folder's last timestamp too: two migrations written within one second (or a
        // clock behind the last author's) must not share a version.
        QDateTime base = QDateTime::currentDateTimeUtc();
        QDateTime lastTime = QDateTime::fromString(last.text().left(14),
                                                   QStringLiteral("yyyyMMddHHmmss"));
        lastTime.setTimeSpec(Qt::UTC);
        if (lastTime.isValid() && lastTime >= base)
            base = lastTime.addSecs(1);
        files.version = base.addSecs(step).toString(QStringLiteral("yyyyMMddHHmmss"));
    } else {
        const QString first = last.isNull()
                                  ? QStringLiteral("0")
                                  : last.text().section(QRegularExpression(QStringLiteral("[._]")),
                                                        0,
                                                        0);
        const int width = last.isNull() ? 3 : int(first.size());
        files.version = QStringLiteral("%1").arg(first.toLongLong() + 1 + step,
                                                 width,
                                                 10,
                                                 QLatin1Char('0'));
    }
    QString slug = description.trimmed().toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("_"));
    slug.remove(QRegularExpression(QStringLiteral("^_+|_+$")));
    if (slug.isEmpty())
        slug = QStringLiteral("migration");
    const QDir dir(m_directory);
    switch (m_dialect) {
    case Dialect::Seeds: {
        const bool inner = dir.dirName() == QLatin1String("migrations")
                           && !isDir(dir.filePath(QStringLiteral("migrations")));
        const QDir up(inner ? m_directory : dir.filePath(QStringLiteral("migrations")));
        const QDir down(inner ? dir.filePath(QStringLiteral("../rollback"))
                              : dir.filePath(QStringLiteral("rollback")));
        files.upPath = up.filePath(QStringLiteral("V%1__%2.sql").arg(files.version, slug));
        files.downPath = QDir::cleanPath(
            down.filePath(QStringLiteral("R%1__%2.sql").arg(files.version, slug)));
        break;
    }
    case Dialect::UpDown:
        files.upPath = dir.filePath(QStringLiteral("%1_%2.up.sql").arg(files.version, slug));
        files.downPath = dir.filePath(QStringLiteral("%1_%2.down.sql").arg(files.version, slug));
        break;
    case Dialect::Dbmate:
        files.upPath = files.downPath = dir.filePath(
            QStringLiteral("%1_%2.sql").arg(files.version, slug));
        break;
    case Dialect::Prisma:
        files.upPath = dir.filePath(QStringLiteral("%1_%2/migration.sql").arg(files.version, slug));
        files.downPath = dir.filePath(QStringLiteral("%1_%2/down.sql").arg(files.version, slug));
        break;
    case Dialect::Liquibase: // a changelog of one changeset, its rollback inside
        files.upPath = files.downPath = dir.filePath(
            QStringLiteral("%1_%2.sql").arg(files.version, slug));
        break;
    case Dialect::Sqitch: // the plan line is added by whoever writes the scripts
        files.upPath = dir.filePath(QStringLiteral("deploy/%1.sql").arg(slug));
        files.downPath = dir.filePath(QStringLiteral("revert/%1.sql").arg(slug));
        break;
    case Dialect::Drizzle: // drizzle-kit's tag; the journal entry is drizzle-kit's to write
        files.upPath = dir.filePath(QStringLiteral("%1_%2.sql").arg(files.version, slug));
        files.downPath = dir.filePath(QStringLiteral("%1_%2.down.sql").arg(files.version, slug));
        break;
    case Dialect::Flyway:
    case Dialect::Unknown:
        files.upPath = dir.filePath(QStringLiteral("V%1__%2.sql").arg(files.version, slug));
        files.downPath = dir.filePath(QStringLiteral("U%1__%2.sql").arg(files.version, slug));
        break;
    }
    return files;
}
