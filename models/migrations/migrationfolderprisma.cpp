// Prisma Migrate's folder: prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql, in name
// order, with migration_lock.toml naming the provider. A down.sql beside migration.sql is the
// rollback Prisma documents for `migrate diff`-made down scripts.

#include "migrationfolder.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace {

// Prisma's own directory names: a 14-digit timestamp, an underscore, the name.
const QRegularExpression &prismaName()
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{14})_(.+)$"));
    return pattern;
}

} // namespace

bool MigrationFolder::looksLikePrisma(const QString &directory)
{
    const QDir dir(directory);
    if (QFile::exists(dir.filePath(QStringLiteral("migration_lock.toml"))))
        return true;
    const QStringList subfolders = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : subfolders) {
        if (prismaName().match(name).hasMatch()
            && QFile::exists(dir.filePath(name + QStringLiteral("/migration.sql"))))
            return true;
    }
    return false;
}

QString MigrationFolder::prismaProvider(const QString &directory, QString *error)
{
    QFile lock(QDir(directory).filePath(QStringLiteral("migration_lock.toml")));
    if (!lock.exists())
        return {};
    if (!lock.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot read: %2")
                     .arg(QDir::toNativeSeparators(lock.fileName()), lock.errorString());
        return {};
    }
    // As Prisma reads it: the first line starting with "provider", quotes trimmed.
    const QStringList lines = QString::fromUtf8(lock.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("provider")))
            return trimmed.section(QLatin1Char('='), 1).trimmed().remove(QLatin1Char('"'));
    }
    return {};
}

void MigrationFolder::readPrisma()
{
    const QDir dir(m_directory);
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot,
                                              QDir::Name);
    for (const QString &name : entries) {
        const QString path = dir.filePath(name);
        if (!QFileInfo(path).isDir()) {
            if (name != QLatin1String("migration_lock.toml"))
                m_errors.append(tr("%1: not a Prisma migration (expected folders named "
                                   "<YYYYMMDDHHMMSS>_<name> holding migration.sql, and "
                                   "migration_lock.toml)")
                                    .arg(QDir::toNativeSeparators(path)));
            continue;
        }
        const QRegularExpressionMatch match = prismaName().match(name);
        MigrationVersion version;
        if (!match.hasMatch() || !MigrationVersion::parse(match.captured(1), &version)) {
            m_errors.append(tr("%1: not a Prisma migration folder name (expected "
                               "<YYYYMMDDHHMMSS>_<name>)")
                                .arg(QDir::toNativeSeparators(path)));
            continue;
        }
        const QString script = path + QStringLiteral("/migration.sql");
        if (!QFile::exists(script)) {
            m_errors.append(tr("%1: no migration.sql in this Prisma migration folder")
                                .arg(QDir::toNativeSeparators(path)));
            continue;
        }
        // The description keeps Prisma's name as written: it names the history row.
        if (!addUp(version,
                   QString(match.captured(2)).replace(QLatin1Char('_'), QLatin1Char(' ')),
                   script))
            continue;
        const QString down = path + QStringLiteral("/down.sql");
        if (QFile::exists(down))
            addDown(version, down);
    }
}
