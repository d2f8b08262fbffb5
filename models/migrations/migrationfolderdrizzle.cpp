// Drizzle Kit's folder (drizzle-orm 0.x, docs/history-tables.md §5a): NNNN_tag.sql files, each
// listed by meta/_journal.json as {idx, version, when, tag, breakpoints}. Drizzle's migrator runs
// the journal's entries in order and reads only `tag` and `when`; a file the journal does not list
// never runs. The version is the tag's leading digits as written, the journal's `when` (epoch
// milliseconds) is what the history row records as created_at. Drizzle has no down scripts; a
// <tag>.down.sql beside the migration is Slipway's rollback for it. `--> statement-breakpoint`
// lines need nothing here: they are SQL comments, and Slipway splits statements by the grammar.

#include "migrationfolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace {

// drizzle-kit's tags: the index (or a timestamp) with its zero padding, an underscore, a name.
const QRegularExpression &drizzleTag()
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)_([^/\\\\]+)$"));
    return pattern;
}

int lineAt(const QByteArray &text, qsizetype offset)
{
    return int(text.left(offset).count('\n')) + 1;
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

MigrationFolder::FileName MigrationFolder::parseDrizzleFileName(const QString &name)
{
    static const QRegularExpression file(QStringLiteral("^(\\d+)_(.+?)(\\.down)?\\.sql$"));
    FileName result;
    const QRegularExpressionMatch match = file.match(name);
    if (!match.hasMatch() || !MigrationVersion::parse(match.captured(1), &result.version))
        return result;
    if (match.capturedLength(3) > 0) {
        result.role = FileName::Role::Down;
    } else {
        result.role = FileName::Role::Up;
        result.description = match.captured(2).replace(QLatin1Char('_'), QLatin1Char(' ')).trimmed();
    }
    return result;
}

void MigrationFolder::readDrizzle()
{
    const QDir dir(m_directory);
    const QString journalPath = dir.filePath(QStringLiteral("meta/_journal.json"));
    QFile journal(journalPath);
    if (!journal.open(QIODevice::ReadOnly)) {
        m_errors.append(tr("%1: cannot read: %2").arg(native(journalPath), journal.errorString()));
        return;
    }
    const QByteArray bytes = journal.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_errors.append(tr("%1: line %2: not valid JSON (%3)")
                            .arg(native(journalPath))
                            .arg(lineAt(bytes, parseError.offset))
                            .arg(parseError.errorString()));
        return;
    }
    const QJsonValue entries = document.object().value(QStringLiteral("entries"));
    if (!document.isObject() || !entries.isArray()) {
        m_errors.append(tr("%1: expected an object with an \"entries\" array, as drizzle-kit "
                           "writes it")
                            .arg(native(journalPath)));
        return;
    }

    QSet<QString> listed; // file names the journal accounts for
    qsizetype searchFrom = 0;
    int number = 0;
    for (const QJsonValue &value : entries.toArray()) {
        ++number;
        const QJsonObject entry = value.toObject();
        const QString tag = entry.value(QStringLiteral("tag")).toString();
        // The line of the entry's tag in the journal, when it can be found.
        const QByteArray quoted
            = QJsonDocument(QJsonArray{tag}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        const qsizetype at = tag.isEmpty() ? -1 : bytes.indexOf(quoted, searchFrom);
        if (at >= 0)
            searchFrom = at + quoted.size();
        const QString where = at >= 0
                                  ? tr("%1: line %2").arg(native(journalPath)).arg(lineAt(bytes, at))
                                  : tr("%1: entry %2").arg(native(journalPath)).arg(number);
        if (tag.isEmpty()) {
            m_errors.append(tr("%1: the entry has no \"tag\" naming its migration file").arg(where));
            continue;
        }
        const QString up = tag + QStringLiteral(".sql");
        const QString down = tag + QStringLiteral(".down.sql");
        listed << up << down; // a wrong entry is reported once, its files not again as unlisted
        const QRegularExpressionMatch match = drizzleTag().match(tag);
        MigrationVersion version;
        if (!match.hasMatch() || !MigrationVersion::parse(match.captured(1), &version)) {
            m_errors.append(tr("%1: the tag \"%2\" fits no migration name (expected "
                               "<version>_<name>, as drizzle-kit writes it)")
                                .arg(where, tag));
            continue;
        }
        const QJsonValue when = entry.value(QStringLiteral("when"));
        const double millis = when.toDouble(-1);
        if (!when.isDouble() || millis < 0 || std::floor(millis) != millis || millis > 9.0e15) {
            m_errors.append(tr("%1: the entry \"%2\" has no \"when\" (the time it was generated, "
                               "in milliseconds)")
                                .arg(where, tag));
            continue;
        }
        const QString path = dir.filePath(up);
        if (!QFileInfo(path).isFile()) {
            m_errors.append(tr("%1: the entry \"%2\" names %3, which does not exist")
                                .arg(where, tag, native(path)));
            continue;
        }
        if (!addUp(version, parseDrizzleFileName(up).description, path))
            continue; // a duplicate version: reported
        Migration &migration = m_migrations.last();
        migration.createdAtMs = qint64(millis);
        if (QFileInfo(dir.filePath(down)).isFile())
            migration.downPath = dir.filePath(down);
    }

    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        if (listed.contains(file))
            continue;
        const QString path = dir.filePath(file);
        if (file.endsWith(QLatin1String(".down.sql")))
            m_errors.append(tr("%1: a rollback for a migration that %2 does not list")
                                .arg(native(path), native(journalPath)));
        else
            m_errors.append(tr("%1: not listed in %2, so Drizzle's migrator would never run it "
                               "(generate migrations with drizzle-kit, which adds the entry)")
                                .arg(native(path), native(journalPath)));
    }
}
