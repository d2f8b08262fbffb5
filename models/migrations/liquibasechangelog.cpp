#include "liquibasechangelog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QHash>
#include <QRegularExpression>

namespace {

// Liquibase matches whole lines (Matcher.matches()), case-insensitively; the patterns below are
// anchored for that. Its reader strips line terminators, so a CR before the LF is not part of a
// line either.
QRegularExpression linePattern(const char *pattern)
{
    return QRegularExpression(QStringLiteral("^(?:%1)$").arg(QLatin1String(pattern)),
                              QRegularExpression::CaseInsensitiveOption);
}

const QRegularExpression &firstLinePattern()
{
    static const QRegularExpression re = linePattern("\\s*--\\s*liquibase\\s*formatted.*");
    return re;
}
const QRegularExpression &changeSetPattern()
{
    static const QRegularExpression re = linePattern(
        "\\s*--[\\s]*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+)(.*)");
    return re;
}
// A line Liquibase refuses as a malformed --changeset: its ALT_CHANGE_SET_ONE_CHARACTER and
// ALT_CHANGE_SET_NO_OTHER_INFO patterns. Anything else is SQL to it, `---changeset` and a
// commented-out `-- --changeset` included.
const QRegularExpression &looksLikeChangeSet()
{
    static const QRegularExpression re = linePattern(
        "-[\\s]*changeset\\s.*|\\s*--[\\s]*changeset[\\s]*.*");
    return re;
}
const QRegularExpression &rollbackPattern()
{
    static const QRegularExpression re = linePattern("\\s*--[\\s]*rollback (.*)");
    return re;
}
const QRegularExpression &rollbackStartPattern()
{
    static const QRegularExpression re = linePattern("\\s*/\\*\\s*liquibase\\s*rollback\\s*");
    return re;
}
const QRegularExpression &rollbackEndPattern()
{
    static const QRegularExpression re = linePattern("(.*?)\\s*\\*/\\s*");
    return re;
}
const QRegularExpression &commentPattern()
{
    static const QRegularExpression re = linePattern("--[\\s]*comment:? (.*)");
    return re;
}
const QRegularExpression &validCheckSumPattern()
{
    static const QRegularExpression re = linePattern("--[\\s]*validCheckSum:? (.*)");
    return re;
}
const QRegularExpression &preconditionsPattern()
{
    static const QRegularExpression re = linePattern("\\s*--[\\s]*preconditions(.*)");
    return re;
}
const QRegularExpression &preconditionPattern()
{
    static const QRegularExpression re = linePattern(
        "\\s*--[\\s]*precondition\\-([a-zA-Z0-9-]+) (.*)");
    return re;
}
const QRegularExpression &ignoreLinesPattern()
{
    static const QRegularExpression re = linePattern("--[\\s]*ignoreLines:(\\w+)");
    return re;
}
const QRegularExpression &propertyPattern()
{
    static const QRegularExpression re = linePattern(
        "\\s*--[\\s]*property\\s+(.*:.*)\\s+(.*:.*).*");
    return re;
}

// One attribute of a --changeset, --preconditions or --property line (Liquibase's
// ".*name:(value).*" patterns).
QString attribute(const QString &line, const char *name, const char *value = "\\S*")
{
    // Most lines name few of the attributes asked for: no pattern for those. The patterns are
    // compiled once per thread (a changelog of thousands of changesets asks a dozen per line).
    if (!line.contains(QLatin1String(name) + QLatin1Char(':'), Qt::CaseInsensitive))
        return {};
    thread_local QHash<QString, QRegularExpression> compiled;
    const QString key = QLatin1String(name) + QLatin1Char('\n') + QLatin1String(value);
    auto found = compiled.find(key);
    if (found == compiled.end())
        found = compiled.insert(key,
                                QRegularExpression(QStringLiteral(".*\\b%1:(%2).*")
                                                       .arg(QLatin1String(name),
                                                            QLatin1String(value)),
                                                   QRegularExpression::CaseInsensitiveOption));
    const QRegularExpressionMatch match = found->match(line);
    return match.hasMatch() ? match.captured(1) : QString();
}

// Java's Boolean.parseBoolean: "true" in any case, everything else false.
bool flag(const QString &line, const char *name, bool fallback)
{
    const QString value = attribute(line, name, "\\w+");
    return value.isEmpty() ? fallback
                           : value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

QString stripQuotes(QString text)
{
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        return text.mid(1, text.size() - 2);
    return text;
}

// Java's String.trim(): every character up to U+0020 at either end.
QString javaTrim(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && text.at(begin).unicode() <= 0x20)
        ++begin;
    while (end > begin && text.at(end - 1).unicode() <= 0x20)
        --end;
    return text.mid(begin, end - begin);
}

QString expand(QString text, const LiquibaseChangelog::Properties &properties)
{
    for (auto it = properties.cbegin(); it != properties.cend(); ++it)
        text.replace(QStringLiteral("${%1}").arg(it.key()), it.value());
    return text;
}

// Whether a changeset's dbms: list lets it run on PostgreSQL (Liquibase's DatabaseList).
bool runsOnPostgres(const QString &dbms)
{
    if (dbms.isEmpty())
        return true;
    bool anyPositive = false;
    for (QString name : dbms.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        name = name.trimmed().toLower();
        if (name == QLatin1String("all"))
            return true;
        if (name == QLatin1String("none") || name == QLatin1String("!postgresql"))
            return false;
        if (name == QLatin1String("postgresql"))
            return true;
        anyPositive = anyPositive || !name.startsWith(QLatin1Char('!'));
    }
    return !anyPositive;
}

// What each line of a changelog is. Rollback lines carry the columns of their SQL.
struct LineInfo
{
    enum class Kind {
        Sql,         // part of the changeset's SQL (or of nothing, before the first changeset)
        ChangeSet,   // --changeset
        Directive,   // --comment, --validCheckSum, --preconditions, --precondition-…, --property
        Rollback,    // --rollback …, or a line of a /* liquibase rollback */ block
        RollbackTag, // the /* liquibase rollback and */ lines themselves
        Ignored,     // --ignoreLines
    };
    Kind kind = Kind::Sql;
    qsizetype from = 0; // Rollback: where the SQL starts
    qsizetype to = -1;  // Rollback: where it ends (-1: the line's end)
};

QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

QList<LineInfo> classify(const QStringList &lines)
{
    using Kind = LineInfo::Kind;
    QList<LineInfo> info(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        LineInfo &current = info[i];
        if (const QRegularExpressionMatch ignore = ignoreLinesPattern().match(line);
            ignore.hasMatch()) {
            current.kind = Kind::Ignored;
            const QString what = ignore.captured(1);
            if (what.compare(QLatin1String("start"), Qt::CaseInsensitive) == 0) {
                while (++i < lines.size()) {
                    info[i].kind = Kind::Ignored;
                    const QRegularExpressionMatch end = ignoreLinesPattern().match(lines.at(i));
                    if (end.hasMatch() && end.captured(1) == QLatin1String("end"))
                        break;
                }
            } else {
                for (qsizetype n = what.toLongLong(); n > 0 && i + 1 < lines.size(); --n)
                    info[++i].kind = Kind::Ignored;
            }
            continue;
        }
        if (changeSetPattern().match(line).hasMatch()) {
            current.kind = Kind::ChangeSet;
        } else if (const QRegularExpressionMatch rollback = rollbackPattern().match(line);
                   rollback.hasMatch()) {
            current.kind = Kind::Rollback;
            current.from = rollback.capturedStart(1);
        } else if (rollbackStartPattern().match(line).hasMatch()) {
            current.kind = Kind::RollbackTag;
            // Up to the line that ends the comment; what stands before its */ is SQL too.
            while (++i < lines.size()) {
                const QRegularExpressionMatch end = rollbackEndPattern().match(lines.at(i));
                info[i].kind = Kind::Rollback;
                if (end.hasMatch()) {
                    info[i].to = end.capturedEnd(1);
                    break;
                }
            }
        } else if (commentPattern().match(line).hasMatch()
                   || validCheckSumPattern().match(line).hasMatch()
                   || preconditionsPattern().match(line).hasMatch()
                   || preconditionPattern().match(line).hasMatch()
                   || propertyPattern().match(line).hasMatch()) {
            current.kind = Kind::Directive;
        }
    }
    return info;
}

// The changeset's range of lines, 0-based and inclusive, clamped to the file.
struct Range
{
    qsizetype first;
    qsizetype last;
};

Range rangeOf(const LiquibaseChangeSet &changeSet, const QStringList &lines)
{
    return {qMax<qsizetype>(0, changeSet.firstLine - 1),
            qMin<qsizetype>(lines.size() - 1, changeSet.lastLine - 1)};
}

QString blank(const QString &line)
{
    return QString(line.size(), QLatin1Char(' '));
}

// Liquibase's endDelimiter stands where PostgreSQL needs a semicolon: a line that is the
// delimiter, or ends with it.
QString withSemicolon(const QString &line, const QString &delimiter)
{
    if (delimiter.isEmpty() || delimiter == QLatin1String(";"))
        return line;
    qsizetype end = line.size();
    while (end > 0 && line.at(end - 1).isSpace())
        --end;
    if (end < delimiter.size()
        || line.mid(end - delimiter.size(), delimiter.size()).compare(delimiter, Qt::CaseInsensitive)
               != 0)
        return line;
    QString result = line;
    result.replace(end - delimiter.size(), delimiter.size(), QLatin1Char(';'));
    return result + QString(delimiter.size() - 1, QLatin1Char(' '));
}

// Every changeset's SQL lines joined and trimmed, by the line number of its --changeset line.
QHash<int, QString> bodiesOf(const QStringList &lines, const QList<LineInfo> &info)
{
    QHash<int, QString> bodies;
    int changeSetLine = 0;
    QStringList sql;
    auto flush = [&] {
        if (changeSetLine > 0)
            bodies.insert(changeSetLine, javaTrim(sql.join(QLatin1Char('\n'))));
        sql.clear();
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (info.at(i).kind == LineInfo::Kind::ChangeSet) {
            flush();
            changeSetLine = int(i + 1);
        } else if (changeSetLine > 0 && info.at(i).kind == LineInfo::Kind::Sql) {
            sql << lines.at(i);
        }
    }
    flush();
    return bodies;
}

} // namespace

bool LiquibaseChangelog::isChangelog(const QString &text)
{
    // Liquibase skips blank lines before the first one.
    for (const QString &line : splitLines(text.left(64 * 1024))) {
        QString content = line;
        if (content.startsWith(QChar(0xFEFF)))
            content.remove(0, 1);
        if (!content.trimmed().isEmpty())
            return firstLinePattern().match(content).hasMatch();
    }
    return false;
}

bool LiquibaseChangelog::declaresNoTransaction(const QString &text)
{
    if (!text.contains(QLatin1String("runInTransaction"), Qt::CaseInsensitive))
        return false; // the common case, without splitting the text
    for (const QString &line : splitLines(text)) {
        if (changeSetPattern().match(line).hasMatch() && !flag(line, "runInTransaction", true))
            return true;
    }
    return false;
}

LiquibaseChangelog::Parsed LiquibaseChangelog::parse(const QString &path,
                                                     const QString &recordedPath,
                                                     const QString &text,
                                                     Properties &properties)
{
    Parsed parsed;
    const QString file = QDir::toNativeSeparators(path);
    const QStringList lines = splitLines(text);
    const QList<LineInfo> info = classify(lines);
    const QHash<int, QString> bodies = bodiesOf(lines, info);
    using Kind = LineInfo::Kind;
    auto fail = [&](qsizetype index, const QString &message) {
        parsed.errors << QStringLiteral("%1:%2: %3").arg(file).arg(index + 1).arg(message);
    };
    QString logicalFilePath;
    std::optional<LiquibaseChangeSet> open;
    bool keepOpen = true; // false: the open changeset is skipped (dbms, ignore:true)
    QStringList rollbackText;
    auto close = [&](qsizetype lastIndex) {
        if (!open)
            return;
        open->lastLine = int(lastIndex + 1);
        if (bodyOf(bodies.value(open->firstLine), *open).isEmpty())
            fail(open->firstLine - 1, tr("changeset %1:%2 has no SQL").arg(open->author, open->id));
        const QString rollback = javaTrim(rollbackText.join(QLatin1Char('\n'))).toLower();
        open->hasRollback = !rollback.isEmpty();
        open->emptyRollback = rollback.startsWith(QLatin1String("not required"))
                              || rollback.startsWith(QLatin1String("empty"));
        if (rollback.contains(QLatin1String("changesetid")))
            fail(open->firstLine - 1,
                 tr("changeset %1:%2 takes its rollback from another changeset (changesetId:); "
                    "write the rollback SQL in --rollback lines instead")
                     .arg(open->author, open->id));
        for (const LiquibaseChangeSet &other : std::as_const(parsed.changeSets)) {
            if (other.id == open->id && other.author == open->author
                && other.filePath == open->filePath)
                fail(open->firstLine - 1,
                     tr("changeset %1:%2 is defined twice (also on line %3)")
                         .arg(open->author, open->id)
                         .arg(other.firstLine));
        }
        if (keepOpen)
            parsed.changeSets << *open;
        open.reset();
        rollbackText.clear();
    };
    bool sawHeader = false;
    bool malformed = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const LineInfo &kind = info.at(i);
        if (!sawHeader && !line.trimmed().isEmpty()) {
            QString content = line;
            if (content.startsWith(QChar(0xFEFF)))
                content.remove(0, 1);
            if (!firstLinePattern().match(content).hasMatch()) {
                fail(i, tr("expected --liquibase formatted sql as the first line"));
                return parsed;
            }
            sawHeader = true;
            logicalFilePath = attribute(content, "logicalFilePath");
            continue;
        }
        if (const QRegularExpressionMatch property = propertyPattern().match(line);
            property.hasMatch()) {
            const QString name = attribute(line, "name", "\\S+");
            if (name.isEmpty())
                fail(i, tr("expected --property name:<name> value:<value>"));
            else
                properties.insert(name, expand(attribute(line, "value", "\\S+"), properties));
            continue;
        }
        switch (kind.kind) {
        case Kind::ChangeSet: {
            close(i - 1);
            malformed = false;
            const QRegularExpressionMatch match = changeSetPattern().match(line);
            LiquibaseChangeSet changeSet;
            changeSet.author = expand(stripQuotes(match.captured(1)), properties);
            changeSet.id = expand(stripQuotes(match.captured(2)), properties);
            if (QString(changeSet.id).remove(QLatin1Char(':')).remove(QLatin1Char(' ')).isEmpty()) {
                fail(i, tr("expected --changeset <author>:<id>; the id is empty"));
                continue;
            }
            changeSet.firstLine = int(i + 1);
            const QString logical = attribute(line, "logicalFilePath");
            changeSet.filePath = !logical.isEmpty()           ? logical
                                 : !logicalFilePath.isEmpty() ? logicalFilePath
                                                              : recordedPath;
            changeSet.filePath = expand(changeSet.filePath, properties);
            changeSet.runInTransaction = flag(line, "runInTransaction", true);
            changeSet.runOnChange = flag(line, "runOnChange", false);
            changeSet.runAlways = flag(line, "runAlways", false);
            changeSet.failOnError = flag(line, "failOnError", true);
            changeSet.endDelimiter = attribute(line, "endDelimiter");
            QString contexts = attribute(line, "contextFilter", "\".*?\"|\\S*");
            if (contexts.isEmpty())
                contexts = attribute(line, "context", "\".*?\"|\\S*");
            changeSet.contexts = expand(stripQuotes(contexts), properties);
            changeSet.labels = expand(stripQuotes(attribute(line, "labels", "\".*?\"|\\S*")),
                                      properties);
            changeSet.properties = properties;
            keepOpen = runsOnPostgres(attribute(line, "dbms", "[^,][\\w!,]+"))
                       && !flag(line, "ignore", false);
            open = changeSet;
            break;
        }
        case Kind::Directive:
            if (!open) {
                if (commentPattern().match(line).hasMatch())
                    fail(i,
                         tr("a --comment line outside a changeset (expected --changeset "
                            "<author>:<id> before it)"));
                break;
            }
            if (const QRegularExpressionMatch comment = commentPattern().match(line);
                comment.hasMatch()) {
                open->comment = comment.captured(1);
            } else if (const QRegularExpressionMatch sum = validCheckSumPattern().match(line);
                       sum.hasMatch()) {
                open->validCheckSums << sum.captured(1).trimmed();
            } else if (preconditionsPattern().match(line).hasMatch()) {
                const QString onFail = attribute(line, "onFail", "\\w+").toUpper();
                const QString onError = attribute(line, "onError", "\\w+").toUpper();
                static const QStringList actions{QStringLiteral("HALT"),
                                                 QStringLiteral("CONTINUE"),
                                                 QStringLiteral("MARK_RAN"),
                                                 QStringLiteral("WARN")};
                for (const QString &action : {onFail, onError}) {
                    if (!action.isEmpty() && !actions.contains(action))
                        fail(i,
                             tr("expected onFail/onError to be HALT, CONTINUE, MARK_RAN or "
                                "WARN, not %1")
                                 .arg(action));
                }
                if (!onFail.isEmpty())
                    open->onFail = onFail;
                if (!onError.isEmpty())
                    open->onError = onError;
            } else if (const QRegularExpressionMatch check = preconditionPattern().match(line);
                       check.hasMatch()) {
                LiquibaseChangeSet::SqlCheck sqlCheck;
                sqlCheck.line = int(i + 1);
                if (!preconditionCheck(check.captured(1).toLower(),
                                       expand(check.captured(2), properties),
                                       &sqlCheck)) {
                    fail(i,
                         tr("expected --precondition-sql-check expectedResult:<value> <query>, "
                            "--precondition-table-exists table:<name> or "
                            "--precondition-view-exists view:<name>"));
                    break;
                }
                open->sqlChecks << sqlCheck;
            }
            break;
        case Kind::Rollback:
            if (open)
                rollbackText << line.mid(kind.from, kind.to < 0 ? -1 : kind.to - kind.from);
            break;
        case Kind::Sql:
            if (looksLikeChangeSet().match(line).hasMatch()) {
                fail(i, tr("expected --changeset <author>:<id>"));
                malformed = true; // its SQL is not reported again as standing outside
            } else if (!open && !malformed && !line.trimmed().isEmpty()
                       && !line.trimmed().startsWith(QLatin1String("--"))) {
                // Liquibase ignores it without a word; it is almost always a changeset line
                // that lost its marker.
                fail(i, tr("SQL before the first --changeset line, which Liquibase would ignore"));
            }
            break;
        case Kind::RollbackTag:
        case Kind::Ignored:
            break;
        }
    }
    if (!sawHeader)
        parsed.errors << tr("%1: expected --liquibase formatted sql as the first line").arg(file);
    close(lines.size() - 1);
    return parsed;
}

bool LiquibaseChangelog::preconditionCheck(const QString &type,
                                           const QString &arguments,
                                           LiquibaseChangeSet::SqlCheck *check)
{
    const auto literal = [](QString text) {
        return QStringLiteral("'%1'").arg(text.replace(QLatin1Char('\''), QStringLiteral("''")));
    };
    if (type == QLatin1String("sql-check")) {
        // expectedResult:0 SELECT …, the value also quoted ('a b' or "a b").
        static const QRegularExpression forms[] = {
            QRegularExpression(QStringLiteral("^(?:expectedResult:)?(\\w+) (.*)$"),
                               QRegularExpression::CaseInsensitiveOption),
            QRegularExpression(QStringLiteral("^(?:expectedResult:)?'([^']+)' (.*)$"),
                               QRegularExpression::CaseInsensitiveOption),
            QRegularExpression(QStringLiteral("^(?:expectedResult:)?\"([^\"]+)\" (.*)$"),
                               QRegularExpression::CaseInsensitiveOption),
        };
        for (const QRegularExpression &form : forms) {
            const QRegularExpressionMatch match = form.match(arguments.trimmed());
            if (match.hasMatch() && !match.captured(2).trimmed().isEmpty()) {
                check->expectedResult = match.captured(1);
                check->sql = match.captured(2).trimmed();
                return true;
            }
        }
        return false;
    }
    // Liquibase's table-exists and view-exists, asked of the catalog in the same words.
    const bool table = type == QLatin1String("table-exists");
    if (!table && type != QLatin1String("view-exists"))
        return false;
    const QString name = attribute(arguments, table ? "table" : "view", "\\S+");
    if (name.isEmpty())
        return false;
    const QString schema = attribute(arguments, "schema", "\\S+");
    check->expectedResult = QStringLiteral("1");
    check->sql = QStringLiteral("SELECT count(*) FROM pg_catalog.%1 WHERE %2 = %3 AND %4")
                     .arg(table ? QStringLiteral("pg_tables") : QStringLiteral("pg_views"),
                          table ? QStringLiteral("tablename") : QStringLiteral("viewname"),
                          literal(name.toLower()),
                          schema.isEmpty()
                              ? QStringLiteral("schemaname = current_schema()")
                              : QStringLiteral("schemaname = %1").arg(literal(schema.toLower())));
    return true;
}

QString LiquibaseChangelog::body(const QString &text, const LiquibaseChangeSet &changeSet)
{
    return bodyOf(rawBodies(text).value(changeSet.firstLine), changeSet);
}

QString LiquibaseChangelog::bodyOf(const QString &rawBody, const LiquibaseChangeSet &changeSet)
{
    // trimToNull, property expansion, then RawSQLChange.setSql's own trim.
    return javaTrim(expand(rawBody, changeSet.properties));
}

QHash<int, QString> LiquibaseChangelog::rawBodies(const QString &text)
{
    const QStringList lines = splitLines(text);
    return bodiesOf(lines, classify(lines));
}

QString LiquibaseChangelog::checksum(const QString &body)
{
    // AbstractSQLChange's version 9 checksum: the MD5 of the UTF-8 SQL without any space, tab,
    // CR or LF byte; the changeset's is then the MD5 of "9:<that>:" (one change, no modifySql).
    QByteArray bytes = body.toUtf8();
    bytes.removeIf([](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    const QByteArray change = QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex();
    const QByteArray changeSet
        = QCryptographicHash::hash("9:" + change + ":", QCryptographicHash::Md5).toHex();
    return QStringLiteral("9:") + QString::fromLatin1(changeSet);
}

QString LiquibaseChangelog::upText(const QString &text, const LiquibaseChangeSet &changeSet)
{
    const QStringList lines = splitLines(text);
    const QList<LineInfo> info = classify(lines);
    const Range range = rangeOf(changeSet, lines);
    QStringList out;
    out.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (i == range.first)
            out << line;
        else if (i > range.first && i <= range.last && info.at(i).kind == LineInfo::Kind::Sql)
            out << withSemicolon(expand(line, changeSet.properties), changeSet.endDelimiter);
        else
            out << blank(line);
    }
    return out.join(QLatin1Char('\n'));
}

QString LiquibaseChangelog::downText(const QString &text, const LiquibaseChangeSet &changeSet)
{
    const QStringList lines = splitLines(text);
    const QList<LineInfo> info = classify(lines);
    const Range range = rangeOf(changeSet, lines);
    QStringList out;
    out.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const LineInfo &kind = info.at(i);
        if (i == range.first) {
            out << line;
        } else if (!changeSet.emptyRollback && i > range.first && i <= range.last
                   && kind.kind == LineInfo::Kind::Rollback) {
            const qsizetype to = kind.to < 0 ? line.size() : kind.to;
            out << QString(kind.from, QLatin1Char(' '))
                       + expand(line.mid(kind.from, to - kind.from), changeSet.properties);
        } else {
            out << blank(line);
        }
    }
    return out.join(QLatin1Char('\n'));
}
