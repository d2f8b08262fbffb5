// Sqitch projects (App::Sqitch 1.x, docs/history-tables.md §7): sqitch.conf says where things are,
// sqitch.plan lists the changes in deploy order, each with deploy/<name>.sql, revert/<name>.sql and
// verify/<name>.sql. The plan is read as Sqitch's Plan.pm reads it (same patterns, same checks, the
// first error stops it), because the change ids the registry keys its rows by are hashes of what
// the plan says: every field, the previous change's id included, must be exactly Sqitch's. A
// change is a migration whose version is its position in the plan. A change reworked after a tag
// appears twice; the earlier instance's scripts are deploy/<name>@<tag>.sql.

#include "migrationfolder.h"

#include "sqitchchange.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QUrl>

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// Perl's truth: the plan's fields go into the id only when "true", and "0" is not.
bool perlTrue(const QString &text)
{
    return !text.isEmpty() && text != QLatin1String("0");
}

// Plan.pm's $name_re: no punctuation first or last, none of blanks : @ # \, and no part that
// looks like a symbolic reference (^2, ~3).
const QString &namePattern()
{
    static const QString punct = QLatin1String(R"([-!"#$%&'()*+,./:;<=>?@\[\\\]^`{|}~])");
    static const QString pattern = QStringLiteral("(?!%1)(?:(?![~/=%^][0-9]+(?:$|[ \\t]))"
                                                  "[^ \\t:@#\\\\])+(?<!%1)\\b")
                                       .arg(punct);
    return pattern;
}

QRegularExpression compile(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::UseUnicodePropertiesOption);
}

// Line.pm's BUILDARGS: trimmed, then \\ \n \r unescaped.
QString planNote(const QString &raw)
{
    if (!perlTrue(raw))
        return raw;
    const QString trimmed = raw.trimmed();
    QString note;
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const QChar c = trimmed.at(i);
        const QChar next = i + 1 < trimmed.size() ? trimmed.at(i + 1) : QChar();
        if (c == QLatin1Char('\\')
            && (next == QLatin1Char('\\') || next == QLatin1Char('n') || next == QLatin1Char('r'))) {
            note += next == QLatin1Char('n')   ? QLatin1Char('\n')
                    : next == QLatin1Char('r') ? QLatin1Char('\r')
                                               : QLatin1Char('\\');
            ++i;
        } else {
            note += c;
        }
    }
    return note;
}

// sqitch.conf is git-config syntax (Config::GitLike): [section], [section "sub"], key = value,
// # and ; comments, double-quoted values. Keys come out as section.sub.key, section and key
// lower-cased.
void readConfig(const QString &path, QHash<QString, QString> *values, QStringList *errors)
{
    QFile file(path);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(QStringLiteral("%1: %2").arg(native(path), file.errorString()));
        return;
    }
    static const QRegularExpression sectionLine(
        QStringLiteral("^\\s*\\[\\s*([^\\]\\s\"]+)(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?\\s*\\]\\s*"
                       "(?:[#;].*)?$"));
    static const QRegularExpression keyLine(
        QStringLiteral("^\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*(?:=\\s*(.*))?$"));
    QString section;
    int number = 0;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (QString line : lines) {
        ++number;
        line.remove(QLatin1Char('\r'));
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'))
            || trimmed.startsWith(QLatin1Char(';')))
            continue;
        if (const QRegularExpressionMatch match = sectionLine.match(line); match.hasMatch()) {
            section = match.captured(1).toLower();
            if (match.capturedLength(2) > 0)
                section += QLatin1Char('.')
                           + match.captured(2).replace(QStringLiteral("\\\""), QStringLiteral("\""));
            continue;
        }
        const QRegularExpressionMatch match = keyLine.match(line);
        if (!match.hasMatch() || section.isEmpty()) {
            errors->append(MigrationFolder::tr("%1:%2: expected [section] or key = value")
                               .arg(native(path))
                               .arg(number));
            return;
        }
        // The value: quoted parts kept as they are, a comment outside quotes dropped.
        QString value;
        bool quoted = false;
        const QString raw = match.captured(2);
        for (qsizetype i = 0; i < raw.size(); ++i) {
            const QChar c = raw.at(i);
            if (c == QLatin1Char('"')) {
                quoted = !quoted;
            } else if (c == QLatin1Char('\\') && i + 1 < raw.size()) {
                const QChar next = raw.at(++i);
                value += next == QLatin1Char('n')   ? QChar(QLatin1Char('\n'))
                         : next == QLatin1Char('t') ? QChar(QLatin1Char('\t'))
                                                    : next;
            } else if (!quoted && (c == QLatin1Char('#') || c == QLatin1Char(';'))) {
                break;
            } else {
                value += c;
            }
        }
        // A key without "=" is a boolean true in git-config.
        values->insert(section + QLatin1Char('.') + match.captured(1).toLower(),
                       match.capturedLength(2) > 0 || line.contains(QLatin1Char('='))
                           ? value.trimmed()
                           : QStringLiteral("true"));
    }
}

QString userConfigPath()
{
    const QString set = qEnvironmentVariable("SQITCH_USER_CONFIG");
    return set.isEmpty() ? QDir::home().filePath(QStringLiteral(".sqitch/sqitch.conf")) : set;
}

struct PlannedChange
{
    SqitchChange change;
    QStringList reworkTags; // Change.pm's rework_tags: where the earlier instance's scripts are
};

// A parsed plan line's fields, from Plan.pm's line pattern.
struct LineFields
{
    bool matched = false;
    QString name;
    QString dependencies;
    QString timestamp;
    QString plannerName;
    QString plannerEmail;
};

LineFields parseLine(const QString &line)
{
    static const QRegularExpression pattern = compile(
        QStringLiteral("^[ \\t]*(?:@|[ \\t]*[+-][ \\t]*)?(%1)(?:[ \\t]+)?"
                       "(?:\\[([^\\]]+)\\][ \\t]*)?"
                       "(?:([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)[ \\t]*)?"
                       "(?:([^<]+)[ \\t]+<([^>]+)>)?$")
            .arg(namePattern()));
    LineFields fields;
    const QRegularExpressionMatch match = pattern.match(line);
    if (!match.hasMatch())
        return fields;
    fields.matched = true;
    fields.name = match.captured(1);
    fields.dependencies = match.captured(2);
    fields.timestamp = match.captured(3);
    fields.plannerName = match.captured(4);
    fields.plannerEmail = match.captured(5);
    return fields;
}

// Depend->parse; false when the text is no dependency.
bool parseDependency(const QString &text, const QString &project, SqitchDependency *dependency)
{
    static const QRegularExpression pattern = compile(
        QStringLiteral("^(!?)(?:(%1):)?(?:([0-9a-f]{40})|(%1)(?:@(%1))?|(?:@(%1))?)$")
            .arg(namePattern()));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    dependency->conflict = match.capturedLength(1) > 0;
    dependency->project = match.captured(2);
    dependency->id = match.captured(3);
    dependency->change = match.captured(4);
    dependency->tag = match.capturedLength(5) > 0 ? match.captured(5) : match.captured(6);
    if (dependency->id.isEmpty() && dependency->change.isEmpty() && dependency->tag.isEmpty())
        return false; // "!" or "proj:" alone: Depend->new refuses it
    QString key = dependency->change;
    if (!dependency->tag.isEmpty())
        key += QLatin1Char('@') + dependency->tag;
    if (key.isEmpty())
        key = dependency->id;
    dependency->text = !dependency->project.isEmpty() && dependency->project != project
                           ? dependency->project + QLatin1Char(':') + key
                           : key;
    return true;
}

} // namespace

QString SqitchChange::objectId(const char *kind, const QString &info)
{
    const QByteArray content = info.toUtf8();
    const QByteArray object = QByteArray(kind) + ' ' + QByteArray::number(content.size()) + '\0'
                              + content;
    return QString::fromLatin1(QCryptographicHash::hash(object, QCryptographicHash::Sha1).toHex());
}

QString SqitchChange::info() const
{
    QStringList lines{QStringLiteral("project ") + project};
    if (!uri.isEmpty())
        lines << QStringLiteral("uri ") + uri;
    lines << QStringLiteral("change ") + name;
    if (!parentId.isEmpty())
        lines << QStringLiteral("parent ") + parentId;
    lines << QStringLiteral("planner %1 <%2>").arg(plannerName, plannerEmail)
          << QStringLiteral("date ") + plannedAt;
    const auto listed = [](const QList<SqitchDependency> &dependencies, const QString &separator) {
        QStringList texts;
        for (const SqitchDependency &dependency : dependencies)
            texts << dependency.text;
        return texts.join(separator);
    };
    const QString requiresText = listed(requirements, QStringLiteral("\n  + "));
    const QString conflictsText = listed(conflicts, QStringLiteral("\n  - "));
    if (perlTrue(requiresText))
        lines << QStringLiteral("requires\n  + ") + requiresText;
    if (perlTrue(conflictsText))
        lines << QStringLiteral("conflicts\n  - ") + conflictsText;
    if (perlTrue(note))
        lines << QString() << note;
    return lines.join(QLatin1Char('\n'));
}

QString SqitchChange::tagInfo(const SqitchTag &tag) const
{
    QStringList lines{QStringLiteral("project ") + project};
    if (!uri.isEmpty())
        lines << QStringLiteral("uri ") + uri;
    lines << QStringLiteral("tag @") + tag.name << QStringLiteral("change ") + id
          << QStringLiteral("planner %1 <%2>").arg(tag.plannerName, tag.plannerEmail)
          << QStringLiteral("date ") + tag.plannedAt;
    if (perlTrue(tag.note))
        lines << QString() << tag.note;
    return lines.join(QLatin1Char('\n'));
}

QString SqitchChange::canonicalUri(const QString &text)
{
    // Perl's URI->canonical: scheme and host in lower case, the scheme's default port and an
    // empty http path dropped or made "/", %-escapes of unreserved characters decoded and the
    // others in upper case; a URN's namespace in lower case.
    static const QRegularExpression escape(QStringLiteral("%([0-9A-Fa-f]{2})"));
    QString result;
    qsizetype last = 0;
    for (auto it = escape.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const char byte = char(match.captured(1).toInt(nullptr, 16));
        result += text.mid(last, match.capturedStart() - last);
        const bool unreserved = QChar::isLetterOrNumber(uchar(byte)) && uchar(byte) < 0x80;
        result += unreserved || byte == '-' || byte == '.' || byte == '_' || byte == '~'
                      ? QString(QLatin1Char(byte))
                      : QLatin1Char('%') + match.captured(1).toUpper();
        last = match.capturedEnd();
    }
    result += text.mid(last);
    static const QRegularExpression generic(QStringLiteral(
        "^([A-Za-z][A-Za-z0-9+.-]*):(//([^/?#@]*@)?([^/?#:]*)(?::([0-9]*))?)?(.*)$"));
    const QRegularExpressionMatch match = generic.match(result);
    if (!match.hasMatch())
        return result;
    const QString scheme = match.captured(1).toLower();
    QString rest = match.captured(6);
    if (match.capturedLength(2) == 0) {
        if (scheme == QLatin1String("urn"))
            rest = rest.section(QLatin1Char(':'), 0, 0).toLower() + QLatin1Char(':')
                   + rest.section(QLatin1Char(':'), 1);
        return scheme + QLatin1Char(':') + rest;
    }
    static const QHash<QString, QString> defaultPorts{{QStringLiteral("http"), QStringLiteral("80")},
                                                      {QStringLiteral("https"),
                                                       QStringLiteral("443")},
                                                      {QStringLiteral("ftp"), QStringLiteral("21")},
                                                      {QStringLiteral("ssh"), QStringLiteral("22")},
                                                      {QStringLiteral("git"),
                                                       QStringLiteral("9418")}};
    QString port = match.captured(5);
    if (port.isEmpty() || port == defaultPorts.value(scheme))
        port.clear();
    if (rest.isEmpty() && (scheme == QLatin1String("http") || scheme == QLatin1String("https")))
        rest = QStringLiteral("/");
    return scheme + QStringLiteral("://") + match.captured(3) + match.captured(4).toLower()
           + (port.isEmpty() ? QString() : QLatin1Char(':') + port) + rest;
}

void MigrationFolder::readSqitch()
{
    const QDir dir(m_directory);
    // The project's sqitch.conf over the user's (~/.sqitch/sqitch.conf), as Sqitch layers them.
    QHash<QString, QString> config;
    readConfig(userConfigPath(), &config, &m_errors);
    readConfig(dir.filePath(QStringLiteral("sqitch.conf")), &config, &m_errors);
    if (!m_errors.isEmpty())
        return;
    const QString engine = config.value(QStringLiteral("core.engine"), QStringLiteral("pg"));
    if (engine != QLatin1String("pg")) {
        m_errors.append(tr("%1: core.engine is %2; Slipway runs Sqitch projects on PostgreSQL "
                           "(engine pg) only")
                            .arg(native(dir.filePath(QStringLiteral("sqitch.conf"))), engine));
        return;
    }
    // Target.pm's lookup: target.<name>.<key>, then engine.pg.<key>, then core.<key>.
    QString target = config.value(QStringLiteral("core.target"));
    if (target.isEmpty())
        target = config.value(QStringLiteral("engine.pg.target"));
    const auto fetch = [&](const QString &key) {
        for (const QString &prefix : {QStringLiteral("target.%1.").arg(target),
                                      QStringLiteral("engine.pg."),
                                      QStringLiteral("core.")}) {
            const QString value = config.value(prefix + key);
            if (!value.isEmpty())
                return value;
        }
        return QString();
    };
    // Relative paths are the project folder's: Sqitch's are its working directory's, and it
    // runs in the project folder.
    const auto directory = [&](const QString &key, const QString &fallback) {
        const QString value = fetch(key);
        return QDir::cleanPath(value.isEmpty() ? fallback : dir.absoluteFilePath(value));
    };
    const QString top = directory(QStringLiteral("top_dir"), dir.absolutePath());
    const QString reworked = directory(QStringLiteral("reworked_dir"), top);
    QString extension = fetch(QStringLiteral("extension"));
    if (extension.isEmpty())
        extension = QStringLiteral("sql");
    const QString planPath = directory(QStringLiteral("plan_file"),
                                       QDir(top).filePath(QStringLiteral("sqitch.plan")));
    const auto scriptDir = [&](const QString &kind, bool reworkedDir) {
        return reworkedDir
                   ? directory(QStringLiteral("reworked_%1_dir").arg(kind),
                               QDir(reworked).filePath(kind))
                   : directory(QStringLiteral("%1_dir").arg(kind), QDir(top).filePath(kind));
    };
    QString registry = fetch(QStringLiteral("registry"));
    if (registry.isEmpty())
        registry = QStringLiteral("sqitch");

    QFile planFile(planPath);
    if (!planFile.open(QIODevice::ReadOnly)) {
        m_errors.append(tr("%1: cannot read: %2").arg(native(planPath), planFile.errorString()));
        return;
    }
    // Sqitch reads the plan as strict UTF-8.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(planFile.readAll());
    if (decoder.hasError()) {
        m_errors.append(tr("%1: not valid UTF-8").arg(native(planPath)));
        return;
    }
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    int lineNumber = 0;
    const auto fail = [&](const QString &message) {
        m_errors.append(
            QStringLiteral("%1:%2: %3").arg(native(planPath)).arg(lineNumber).arg(message));
    };
    static const QRegularExpression blankLine(QStringLiteral("^[ \\t]*(?:#[ \\t]*(.+)|$)"));
    static const QRegularExpression inlineNote(QStringLiteral("[ \\t]*(?:#[ \\t]*(.*))?$"));
    const QRegularExpression wholeName = compile(QStringLiteral("^%1$").arg(namePattern()));
    const auto stripNote = [&](QString *line) {
        const QRegularExpressionMatch match = inlineNote.match(*line);
        const QString note = match.captured(1);
        line->truncate(match.capturedStart());
        return note;
    };

    // The pragmas, up to the first blank line.
    QString project;
    QString uri;
    QString uriAsWritten;
    bool bodyStarts = false;
    while (lineNumber < lines.size() && !bodyStarts) {
        QString line = lines.at(lineNumber++);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (const QRegularExpressionMatch blank = blankLine.match(line); blank.hasMatch()) {
            bodyStarts = planNote(blank.captured(1)).isEmpty();
            continue;
        }
        stripNote(&line);
        // The pragma's name: no punctuation first or last, no blank or = inside.
        static const QString punct = QLatin1String(R"(-!"#$%&'()*+,./:;<=>?@\[\\\]^`{|}~)");
        static const QRegularExpression pragma = compile(
            QStringLiteral("^[ \\t]*%[ \\t]*([^%1])((?:[^ \\t=]*?[^%1 \\t])?)"
                           "(?:[ \\t]*=[ \\t]*(.+))?$")
                .arg(punct));
        const QRegularExpressionMatch match = pragma.match(line);
        if (!match.hasMatch()) {
            fail(tr("expected a %pragma; a blank line must come between the pragmas and the "
                    "changes"));
            return;
        }
        const QString name = match.captured(1) + match.captured(2);
        if (name == QLatin1String("project")) {
            project = match.captured(3);
            if (!wholeName.match(project).hasMatch()) {
                fail(tr("invalid project name \"%1\"").arg(project));
                return;
            }
        } else if (name == QLatin1String("uri") && perlTrue(match.captured(3))) {
            uriAsWritten = match.captured(3);
            uri = SqitchChange::canonicalUri(uriAsWritten);
        }
    }
    if (project.isEmpty()) {
        m_errors.append(tr("%1: expected a %project pragma").arg(native(planPath)));
        return;
    }

    QList<PlannedChange> changes;
    QHash<QString, int> lineOf;        // changes of earlier sections, and tags (@name)
    QHash<QString, int> sectionLineOf; // changes since the last tag
    QHash<QString, int> latestNamed;   // name → index in `changes`
    while (lineNumber < lines.size()) {
        QString line = lines.at(lineNumber++);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (blankLine.match(line).hasMatch())
            continue;
        const QString note = planNote(stripNote(&line));
        static const QRegularExpression tagStart(QStringLiteral("^[ \\t]*@"));
        static const QRegularExpression timestamp(
            QStringLiteral("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));
        const bool isTag = tagStart.match(line).hasMatch();
        const LineFields fields = parseLine(line);
        if (fields.name.isEmpty()
            || (fields.timestamp.isEmpty() && timestamp.match(line).hasMatch())) {
            fail(tr("expected a change or @tag name (no punctuation first or last, none of "
                    "blanks : @ # \\)"));
            return;
        }
        if (fields.timestamp.isEmpty() || fields.plannerName.isEmpty()) {
            fail(
                fields.timestamp.isEmpty() && fields.plannerName.isEmpty()
                    ? tr("expected a timestamp (2024-01-02T03:04:05Z) and the planner's name "
                         "and <email> after \"%1\"")
                          .arg(fields.name)
                : fields.timestamp.isEmpty()
                    ? tr("expected a timestamp (2024-01-02T03:04:05Z) after \"%1\"").arg(fields.name)
                    : tr("expected the planner's name and <email> after the timestamp"));
            return;
        }
        const QString shown = isTag ? QLatin1Char('@') + fields.name : fields.name;
        if (fields.name == QLatin1String("HEAD") || fields.name == QLatin1String("ROOT")) {
            fail(tr("\"%1\" is a reserved name").arg(shown));
            return;
        }
        static const QRegularExpression looksLikeId(QStringLiteral("^[0-9a-f]{40}"));
        if (looksLikeId.match(fields.name).hasMatch()) {
            fail(tr("\"%1\" could be confused with a change id").arg(fields.name));
            return;
        }
        if (!QDateTime::fromString(fields.timestamp, Qt::ISODate).isValid()) {
            fail(tr("%1 is not a valid time").arg(fields.timestamp));
            return;
        }
        if (isTag) {
            const QString key = QLatin1Char('@') + fields.name;
            QString problem;
            if (fields.name.contains(QLatin1Char('/')))
                problem = tr("the tag \"%1\" contains /").arg(fields.name);
            else if (changes.isEmpty())
                problem = tr("the tag \"%1\" comes before any change").arg(fields.name);
            else if (lineOf.contains(key))
                problem = tr("the tag \"%1\" was declared on line %2 already")
                              .arg(fields.name)
                              .arg(lineOf.value(key));
            else if (!fields.dependencies.isEmpty())
                problem = tr("a tag has no dependencies");
            if (!problem.isEmpty()) {
                fail(problem);
                return;
            }
            SqitchTag tag;
            tag.name = fields.name;
            tag.note = note;
            tag.plannedAt = fields.timestamp;
            tag.plannerName = fields.plannerName;
            tag.plannerEmail = fields.plannerEmail;
            changes.last().change.tags << tag;
            for (auto it = sectionLineOf.cbegin(); it != sectionLineOf.cend(); ++it)
                lineOf.insert(it.key(), it.value());
            lineOf.insert(key, lineNumber);
            sectionLineOf.clear();
            continue;
        }
        if (sectionLineOf.contains(fields.name)) {
            fail(tr("the change \"%1\" was declared on line %2 already (rework a change only "
                    "after a tag)")
                     .arg(fields.name)
                     .arg(sectionLineOf.value(fields.name)));
            return;
        }
        PlannedChange planned;
        SqitchChange &change = planned.change;
        change.project = project;
        change.uri = uri;
        change.uriAsWritten = uriAsWritten;
        change.name = fields.name;
        change.plannedAt = fields.timestamp;
        change.plannerName = fields.plannerName;
        change.plannerEmail = fields.plannerEmail;
        change.note = note;
        change.line = lineNumber;
        change.registry = registry;
        change.userName = config.value(QStringLiteral("user.name"));
        change.userEmail = config.value(QStringLiteral("user.email"));
        QStringList seen;
        for (const QString &text :
             fields.dependencies.split(QRegularExpression(QStringLiteral("[ \\t]+")),
                                       Qt::SkipEmptyParts)) {
            SqitchDependency dependency;
            if (!parseDependency(text, project, &dependency)) {
                fail(tr("\"%1\" is not a dependency (change, change@tag, @tag, project:change "
                        "or a change id, ! for a conflict)")
                         .arg(text));
                return;
            }
            if (seen.contains(text)) {
                fail(tr("the dependency \"%1\" is listed twice").arg(text));
                return;
            }
            seen << text;
            (dependency.conflict ? change.conflicts : change.requirements) << dependency;
        }
        // Plan.pm's check_changes: a change of this project required by name must come before.
        for (const SqitchDependency &dependency : std::as_const(change.requirements)) {
            if ((!dependency.project.isEmpty() && dependency.project != project)
                || (dependency.project.isEmpty() && !dependency.id.isEmpty()))
                continue;
            const QString key = dependency.text.section(QLatin1Char(':'), -1);
            bool planned = false;
            if (!dependency.change.isEmpty() && !dependency.tag.isEmpty()) {
                const int tagAt = lineOf.value(QLatin1Char('@') + dependency.tag);
                const int changeAt = lineOf.value(dependency.change);
                planned = tagAt > 0 && changeAt > 0 && changeAt < tagAt;
            } else {
                planned = lineOf.contains(key) || sectionLineOf.contains(key);
            }
            if (!planned) {
                fail(key == fields.name ? tr("the change \"%1\" requires itself").arg(key)
                                        : tr("the change \"%1\" requires \"%2\", which the plan "
                                             "does not list before it")
                                              .arg(fields.name, key));
                return;
            }
        }
        sectionLineOf.insert(fields.name, lineNumber);
        if (!changes.isEmpty())
            change.parentId = changes.last().change.id;
        change.id = SqitchChange::objectId("change", change.info());
        // A rework: the earlier instance's scripts carry the suffix of a tag between the two.
        if (const auto earlier = latestNamed.constFind(fields.name); earlier != latestNamed.cend()) {
            QStringList reworkTags;
            for (qsizetype i = changes.size() - 1; i > *earlier; --i) {
                for (const SqitchTag &tag : std::as_const(changes.at(i).change.tags))
                    reworkTags << tag.name;
            }
            for (const SqitchTag &tag : std::as_const(changes.at(*earlier).change.tags))
                reworkTags << tag.name;
            changes[*earlier].reworkTags << reworkTags;
        }
        latestNamed.insert(fields.name, int(changes.size()));
        changes << planned;
    }

    for (qsizetype i = 0; i < changes.size(); ++i) {
        PlannedChange &planned = changes[i];
        SqitchChange &change = planned.change;
        for (SqitchTag &tag : change.tags)
            tag.id = SqitchChange::objectId("tag", change.tagInfo(tag));
        // Change.pm's path_segments: name/with/slashes.sql, or for a reworked change
        // name@tag.sql after the first of its rework tags whose deploy script exists.
        const bool isReworked = !planned.reworkTags.isEmpty();
        const QString deployDir = scriptDir(QStringLiteral("deploy"), isReworked);
        QString relative = change.name + QLatin1Char('.') + extension;
        if (isReworked) {
            QString found;
            for (const QString &tag : std::as_const(planned.reworkTags)) {
                const QString candidate = QStringLiteral("%1@%2.%3").arg(change.name, tag, extension);
                if (QFileInfo(QDir(deployDir).filePath(candidate)).isFile()) {
                    found = candidate;
                    break;
                }
            }
            relative = found.isEmpty()
                           ? QStringLiteral("%1@%2.%3")
                                 .arg(change.name, planned.reworkTags.first(), extension)
                           : found;
        }
        const QString deployPath = QDir(deployDir).filePath(relative);
        const QString revertPath = QDir(scriptDir(QStringLiteral("revert"), isReworked))
                                       .filePath(relative);
        const QString verifyPath = QDir(scriptDir(QStringLiteral("verify"), isReworked))
                                       .filePath(relative);
        if (!QFileInfo(deployPath).isFile()) {
            m_errors.append(tr("%1: the deploy script of the change \"%2\" (%3:%4) does not exist")
                                .arg(native(deployPath), change.name, native(planPath))
                                .arg(change.line));
            continue;
        }
        MigrationVersion version;
        MigrationVersion::parse(QString::number(i + 1), &version);
        if (!addUp(version, change.name, deployPath))
            continue;
        Migration &migration = m_migrations.last();
        if (QFileInfo(revertPath).isFile())
            migration.downPath = revertPath;
        if (QFileInfo(verifyPath).isFile())
            change.verifyPath = verifyPath;
        migration.sqitchChange = std::make_shared<const SqitchChange>(change);
    }
}
