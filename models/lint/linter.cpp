#include "linter.h"

#include "migrationrules.h"
#include "rulecatalog.h"
#include "rulefamily.h"
#include "statementcontext.h"
#include "suppressions.h"

#include "sql/parsedscript.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace {

// The user's locale, but never the C locale, which writes 12345 without group separators.
QLocale readableLocale()
{
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale;
}

QString formatBytes(qint64 bytes)
{
    return readableLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString formatCount(qint64 count)
{
    return readableLocale().toString(count);
}

// The rules know PostgreSQL 11 to 17 only; an older or newer version is linted as the nearest.
LintOptions supported(LintOptions options)
{
    options.pgVersion = qBound(LintOptions::MinPgVersion,
                               options.pgVersion,
                               LintOptions::MaxPgVersion);
    return options;
}

} // namespace

Linter::Linter(const LintOptions &options, const KnownSchema &schema)
    : m_options(supported(options))
    , m_state(m_options)
{
    m_state.schema() = schema;
    for (const RuleInfo &info : RuleCatalog::rules())
        m_rules.insert(info.id, info);
}

const RuleInfo *Linter::rule(const QString &id) const
{
    const auto it = m_rules.constFind(id);
    return it == m_rules.cend() ? nullptr : &it.value();
}

QList<Finding> Linter::lintFile(const QString &fileName,
                                const QString &text,
                                std::optional<bool> assumeInTransaction)
{
    return lintScript(fileName, ParsedScript::parse(text), assumeInTransaction);
}

QList<Finding> Linter::lintScript(const QString &fileName,
                                  const ParsedScript &parsed,
                                  std::optional<bool> assumeInTransaction,
                                  const std::optional<ToolTransaction::Run> &toolRun)
{
    const SqlScript &script = parsed.script();
    const Suppressions suppressions(script);
    if (toolRun)
        assumeInTransaction = toolRun->toolOpensTransaction();
    // The file's squawk-disable-assume-in-transaction wins: the author's word about how it runs.
    // Slipway's -- slipway:no-transaction marker only tells Slipway's engine; another tool
    // ignores the comment.
    const bool noTransaction = toolRun ? suppressions.disablesAssumeInTransaction()
                                       : suppressions.noTransaction();
    const bool assume = !noTransaction
                        && assumeInTransaction.value_or(m_options.assumeInTransaction);
    const QList<ParsedStatement> &statements = parsed.statements();
    m_state.beginFile(assume, int(statements.size()), toolRun);

    QList<RawFinding> raw;
    const QList<const RuleFamily *> &families = RuleCatalog::families();
    for (int i = 0; i < statements.size(); ++i) {
        const ParsedStatement &statement = statements.at(i);
        if (statement.ok()) {
            const StatementContext context(script, statement, i, m_state, &raw);
            for (const RuleFamily *family : families)
                family->check(context);
        } else {
            raw.append({QString::fromLatin1(MigrationRules::SyntaxError), statement.error, {}, i});
        }
        m_state.apply(statement.node);
    }
    for (const RuleFamily *family : families)
        family->finishFile(m_state, &raw);
    std::stable_sort(raw.begin(), raw.end(), [](const RawFinding &a, const RawFinding &b) {
        return a.sqlIndex < b.sqlIndex;
    });

    QList<Finding> findings;
    const TextPositions &positions = script.positions();
    for (const RawFinding &r : std::as_const(raw)) {
        const RuleInfo *info = rule(r.rule);
        if (!info || m_options.excludedRules.contains(r.rule) || r.sqlIndex < 0
            || r.sqlIndex >= statements.size())
            continue;
        const ParsedStatement &parsedStatement = statements.at(r.sqlIndex);
        const SqlStatement &statement = script.statements().at(parsedStatement.index);
        if (suppressions.isSuppressed(r.rule, statement))
            continue;
        Finding finding;
        finding.rule = r.rule;
        finding.severity = info->severity;
        finding.message = r.message.isEmpty() ? info->summary : r.message;
        finding.file = fileName;
        finding.table = r.table;
        finding.start = statement.start;
        finding.length = statement.length;
        finding.line = statement.line;
        finding.column = statement.column;
        if (!parsedStatement.ok() && parsedStatement.errorByte >= 0) {
            // Point at the token the grammar stopped at, to the end of its line.
            const int at = positions.charFromByte(parsedStatement.errorByte);
            const int lineEnd = positions.lineStartChar(positions.lineOfChar(at) + 1);
            finding.start = qBound(statement.start, at, statement.end());
            finding.length = qMax(1, qMin(statement.end(), lineEnd - 1) - finding.start);
            finding.line = positions.lineOfChar(finding.start);
            finding.column = positions.columnOfChar(finding.start);
        }
        applyImpact(&finding, *info, r.rows, r.bytes);
        findings.append(finding);
    }
    return findings;
}

bool Linter::complete(Finding *finding, const QString &fileText) const
{
    const RuleInfo *info = rule(finding->rule);
    if (!info || m_options.excludedRules.contains(finding->rule)
        || Suppressions::isSuppressedInFile(fileText, finding->rule))
        return false;
    finding->severity = info->severity;
    if (finding->message.isEmpty())
        finding->message = info->summary;
    return true;
}

void Linter::applyImpact(Finding *finding, const RuleInfo &info, qint64 rows, qint64 bytes) const
{
    if (finding->table.isEmpty() || rows < 0)
        return;
    finding->impact = QCoreApplication::translate("Linter", "%1: %2, about %3 rows")
                          .arg(finding->table,
                               bytes >= 0 ? formatBytes(bytes)
                                          : QCoreApplication::translate("Linter", "size unknown"),
                               formatCount(rows));
    if (info.category == RuleInfo::Category::Locking && finding->isError()
        && rows < m_options.impactRowThreshold) {
        finding->severity = Finding::Severity::Warning;
        finding->impact += QCoreApplication::translate(
                               "Linter",
                               " — a warning only: below %1 rows the lock is held too briefly to "
                               "matter.")
                               .arg(formatCount(m_options.impactRowThreshold));
    }
}
