#include "suppressions.h"

#include "rulecatalog.h"

#include <QRegularExpression>
#include <QStringList>

namespace {
const QString SlipwayIgnore = QStringLiteral("slipway-ignore");
const QString SquawkIgnore = QStringLiteral("squawk-ignore");
const QString SlipwayIgnoreFile = QStringLiteral("slipway-ignore-file");
const QString SquawkIgnoreFile = QStringLiteral("squawk-ignore-file");
} // namespace

Suppressions::Suppressions(const SqlScript &script)
    : m_script(script)
{
    const QString &text = script.text();
    // Only comment lines matter; a quick look for the keywords keeps big files cheap.
    const bool mentionsIgnore = text.contains(QLatin1String("-ignore"));
    m_hasStatementDirectives = mentionsIgnore;
    const QStringList lines = mentionsIgnore || text.contains(QLatin1String("squawk-disable"))
                                  ? text.split(QLatin1Char('\n'))
                                  : QStringList{text.section(QLatin1Char('\n'), 0, 0)};
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (!line.startsWith(QLatin1String("--")))
            continue;
        const QString body = line.mid(2).trimmed();
        if (i == 0 && body == QLatin1String("slipway:no-transaction"))
            m_noTransaction = true;
        if (body == QLatin1String("squawk-disable-assume-in-transaction"))
            m_noTransaction = m_disableAssume = true;
        parseFileDirective(line, &m_file);
    }
}

void Suppressions::parseFileDirective(const QString &line, Directive *directive)
{
    if (!parse(line, SlipwayIgnoreFile, directive))
        parse(line, SquawkIgnoreFile, directive);
}

bool Suppressions::isSuppressedInFile(const QString &text, const QString &rule)
{
    if (!text.contains(QLatin1String("-ignore-file")))
        return false;
    Directive file;
    for (const QString &line : text.split(QLatin1Char('\n')))
        parseFileDirective(line, &file);
    return file.all || file.rules.contains(rule);
}

bool Suppressions::parse(const QString &line, const QString &keyword, Directive *directive)
{
    QString body = line.trimmed();
    if (!body.startsWith(QLatin1String("--")))
        return false;
    body = body.mid(2).trimmed();
    if (!body.startsWith(keyword))
        return false;
    const QString rest = body.mid(keyword.size());
    if (!rest.isEmpty() && !rest.at(0).isSpace())
        return false; // slipway-ignore-file is not slipway-ignore
    // Rule ids, then optionally a reason after "--" or after a colon ending the last id:
    // -- slipway-ignore ban-drop-column: the readers moved to the new column
    QStringList ids;
    for (QString token :
         rest.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        if (token.startsWith(QLatin1String("--")))
            break;
        const bool last = token.endsWith(QLatin1Char(':'));
        if (last)
            token.chop(1);
        ids.append(token);
        if (last)
            break;
    }
    if (ids.isEmpty())
        directive->all = true;
    for (const QString &id : std::as_const(ids)) {
        const QString canonical = RuleCatalog::canonicalId(id);
        directive->rules.insert(canonical.isEmpty() ? id.toLower() : canonical);
    }
    return true;
}

bool Suppressions::isSuppressed(const QString &rule, const SqlStatement &statement) const
{
    if (isSuppressedInFile(rule))
        return true;
    if (!m_hasStatementDirectives)
        return false;
    // The comment lines directly above the statement (and a comment before it on its line).
    const TextPositions &positions = m_script.positions();
    const QString &text = m_script.text();
    const int lineStart = positions.lineStartChar(statement.line);
    const QString before = text.mid(lineStart, statement.start - lineStart).trimmed();
    Directive directive;
    if (!before.isEmpty())
        if (!parse(before, SlipwayIgnore, &directive))
            parse(before, SquawkIgnore, &directive);
    for (int line = statement.line - 1; line >= 1; --line) {
        const int start = positions.lineStartChar(line);
        const int end = positions.lineStartChar(line + 1);
        const QString content = text.mid(start, end - start).trimmed();
        if (!content.startsWith(QLatin1String("--")))
            break;
        if (!parse(content, SlipwayIgnore, &directive))
            parse(content, SquawkIgnore, &directive);
    }
    return directive.all || directive.rules.contains(rule);
}
