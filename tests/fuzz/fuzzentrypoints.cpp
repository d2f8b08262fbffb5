#include "fuzzentrypoints.h"

#include "db/conninfo.h"
#include "deploy/checklist.h"
#include "explain/plan.h"
#include "explain/planadvisor.h"
#include "explain/plandiff.h"
#include "explain/planheat.h"
#include "explain/planinput.h"
#include "explain/planjsonparser.h"
#include "explain/planlayout.h"
#include "explain/planmetrics.h"
#include "explain/planparseerror.h"
#include "explain/planparser.h"
#include "explain/planreport.h"
#include "lint/lintoptions.h"
#include "lint/projectconfig.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationversion.h"
#include "sql/psqlscanner.h"
#include "sql/sqlscript.h"
#include "sql/statementsplitter.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *condition, int line, const QString &why = QString())
{
    std::fprintf(stderr, "fuzzentrypoints.cpp:%d: broken promise: %s\n", line, condition);
    if (!why.isEmpty())
        std::fprintf(stderr, "  %s\n", qPrintable(why));
    std::fflush(stderr);
    std::abort();
}

#define FUZZ_CHECK(condition) ((condition) ? void(0) : fail(#condition, __LINE__))
// The same with what the reader said (evaluated only on failure).
#define FUZZ_CHECK_WHY(condition, why) ((condition) ? void(0) : fail(#condition, __LINE__, why))

QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// --- plans ---------------------------------------------------------------------------------

void checkInput(const PlanInput &input, const QString &text)
{
    const int lineCount = int(text.count(QLatin1Char('\n'))) + 1;
    FUZZ_CHECK(input.firstContentLine() >= 0 && input.firstContentLine() <= lineCount);
    for (const PlanInput::Line &line : input.lines()) {
        FUZZ_CHECK(line.number >= 1 && line.number <= lineCount);
        PlanInput::looksLikeNodeLine(line.text);
    }
}

// Everything the plan window and `slipway-cli explain` derive from a parsed plan.
void exercisePlan(const Plan &plan)
{
    if (plan.isEmpty())
        return;
    for (int id = 0; id < plan.size(); ++id) {
        const PlanNode &node = plan.node(id);
        FUZZ_CHECK(node.id() == id);
        if (id == 0)
            FUZZ_CHECK(node.parentId() == -1);
        else
            FUZZ_CHECK(node.parentId() >= 0 && node.parentId() < id);
        for (const int child : node.children())
            FUZZ_CHECK(child > id && child < plan.size() && plan.node(child).parentId() == id);
        node.displayName();
        node.target();
        node.relationLabel();
        node.buffers();
        node.workersPlanned();
        node.workersLaunched();
    }
    plan.planningTime();
    plan.executionTime();

    const PlanMetrics metrics = PlanMetrics::compute(plan);
    for (int id = 0; id < plan.size(); ++id) {
        for (const PlanHeat::Metric metric :
             {PlanHeat::Time, PlanHeat::Rows, PlanHeat::Cost, PlanHeat::Buffers}) {
            const double level = PlanHeat::level(metric, metrics, id);
            FUZZ_CHECK(level >= 0 && level <= 1);
            PlanHeat::colour(level);
        }
    }
    const QList<PlanFinding> findings = PlanAdvisor::findings(plan, metrics);
    PlanReport::text(plan, metrics, findings);
    PlanReport::json(plan, metrics, findings);
    const PlanLayout layout = PlanLayout::compute(plan, PlanLayout::Options());
    for (int id = 0; id < plan.size(); ++id) {
        const int item = layout.itemOf(id);
        FUZZ_CHECK(item >= -1 && item < layout.items().size());
    }

    // The JSON form of any plan reads back as the same tree.
    const QByteArray written = QJsonDocument(QJsonArray{plan.toJson()})
                                   .toJson(QJsonDocument::Compact);
    Plan again;
    PlanParseError error;
    FUZZ_CHECK_WHY(PlanJsonParser::parseDocument(written, &again, &error),
                   error.toString() + QLatin1Char('\n') + QString::fromUtf8(written));
    FUZZ_CHECK(again.size() == plan.size());
    PlanDiff::compare(plan, metrics, again, PlanMetrics::compute(again));
}

// --- psql scripts --------------------------------------------------------------------------

void checkScan(const QByteArray &utf8, const PsqlScanner::Result &scan)
{
    const qsizetype size = utf8.size();
    FUZZ_CHECK(scan.masked.size() == size);
    for (qsizetype i = 0; i < size; ++i) {
        if (utf8.at(i) == '\n')
            FUZZ_CHECK(scan.masked.at(i) == '\n');
        FUZZ_CHECK(scan.masked.at(i) != '\0');
    }
    int previousEnd = 0;
    for (const PsqlScanner::Range &range : scan.ranges) {
        FUZZ_CHECK(range.start >= previousEnd && range.length >= 0);
        FUZZ_CHECK(qsizetype(range.start) + range.length <= size);
        previousEnd = range.start + range.length;
    }
    for (const int at : scan.terminators)
        FUZZ_CHECK(at >= 0 && at <= size);
    for (const int at : scan.bodySemicolons)
        FUZZ_CHECK(at >= 0 && at < size && utf8.at(at) == ';');
    for (const int at : scan.variables)
        FUZZ_CHECK(at >= 0 && at < size && utf8.at(at) == ':');
    for (const PsqlScanner::Span &span : scan.longIdentifiers)
        FUZZ_CHECK(span.start >= 0 && span.length > 0
                   && qsizetype(span.start) + span.length <= size);
    for (const int at : scan.nulBytes)
        FUZZ_CHECK(at >= 0 && at < size && utf8.at(at) == '\0');
}

void checkScript(const QString &text, const SqlScript &script)
{
    FUZZ_CHECK(script.text() == text);
    const qsizetype bytes = script.utf8().size();
    FUZZ_CHECK(script.parserText().size() == bytes);
    FUZZ_CHECK(!script.hasSyntaxError() || script.syntaxErrorByte() <= bytes);
    const TextPositions &positions = script.positions();
    const QList<SqlStatement> &statements = script.statements();
    int previousEnd = 0;
    for (const SqlStatement &statement : statements) {
        FUZZ_CHECK(statement.byteStart >= 0 && statement.byteLength >= 0
                   && statement.byteEnd() <= bytes);
        FUZZ_CHECK(statement.start >= 0 && statement.length >= 0 && statement.end() <= text.size());
        FUZZ_CHECK(positions.charFromByte(statement.byteStart) == statement.start);
        FUZZ_CHECK(positions.charFromByte(statement.byteEnd()) == statement.end());
        FUZZ_CHECK(statement.line == positions.lineOfChar(statement.start));
        FUZZ_CHECK(statement.column >= 1 && statement.endLine >= statement.line);
        script.textOf(statement);
        script.parserTextOf(statement);
        if (statement.nested) {
            // psql builds the statement around it: some SQL statement's range holds it.
            FUZZ_CHECK(std::any_of(statements.begin(), statements.end(), [&](const SqlStatement &s) {
                return s.isSql() && s.byteStart <= statement.byteStart
                       && statement.byteEnd() <= s.byteEnd();
            }));
            continue;
        }
        FUZZ_CHECK(statement.byteStart >= previousEnd);
        previousEnd = statement.byteEnd();
    }
    for (const int cursor : {0, int(text.size() / 2), int(text.size())}) {
        const int index = script.sqlStatementAt(cursor);
        FUZZ_CHECK(index >= -1 && index < statements.size());
        FUZZ_CHECK(index < 0 || statements.at(index).isSql());
    }
}

// --- migration names -----------------------------------------------------------------------

constexpr MigrationFolder::Dialect dialects[] = {MigrationFolder::Dialect::Flyway,
                                                 MigrationFolder::Dialect::Seeds,
                                                 MigrationFolder::Dialect::UpDown,
                                                 MigrationFolder::Dialect::Dbmate};

void checkVersion(const MigrationVersion &version)
{
    FUZZ_CHECK(!version.isNull());
    FUZZ_CHECK(version.compare(version) == 0);
    MigrationVersion again;
    FUZZ_CHECK(MigrationVersion::parse(version.text(), &again) && again == version);
    MigrationVersion normal;
    FUZZ_CHECK(MigrationVersion::parse(version.normalized(), &normal) && normal == version);
    FUZZ_CHECK(normal.normalized() == version.normalized());
    // The names slipway writes for a new migration read back with the same version.
    const MigrationFolder::FileName flyway
        = MigrationFolder::parseFileName(MigrationFolder::Dialect::Flyway,
                                         QStringLiteral("V%1__new.sql").arg(version.text()));
    FUZZ_CHECK(flyway.role == MigrationFolder::FileName::Role::Up && flyway.version == version);
    const MigrationFolder::FileName upDown
        = MigrationFolder::parseFileName(MigrationFolder::Dialect::UpDown,
                                         QStringLiteral("%1_new.up.sql").arg(version.text()));
    FUZZ_CHECK(upDown.role == MigrationFolder::FileName::Role::Up && upDown.version == version);
}

void checkOrder(QList<MigrationVersion> versions)
{
    const qsizetype n = versions.size();
    for (qsizetype i = 0; i < n; ++i) {
        for (qsizetype j = 0; j < n; ++j) {
            const MigrationVersion &a = versions.at(i);
            const MigrationVersion &b = versions.at(j);
            FUZZ_CHECK(a.compare(b) == -b.compare(a));
            for (qsizetype k = 0; k < n && n <= 16; ++k) {
                const MigrationVersion &c = versions.at(k);
                if (a.compare(b) <= 0 && b.compare(c) <= 0)
                    FUZZ_CHECK(a.compare(c) <= 0);
            }
        }
    }
    std::sort(versions.begin(), versions.end());
    for (qsizetype i = 1; i < n; ++i)
        FUZZ_CHECK(!(versions.at(i) < versions.at(i - 1)));
}

} // namespace

namespace FuzzEntryPoints {

int planJson(const uint8_t *data, size_t size)
{
    const QByteArray bytes = bytesOf(data, size);
    {
        Plan plan;
        PlanParseError error;
        if (PlanJsonParser::parseDocument(bytes, &plan, &error))
            exercisePlan(plan);
    }
    const QString text = QString::fromUtf8(bytes);
    const PlanInput input = PlanInput::fromText(text);
    checkInput(input, text);
    if (input.kind() == PlanInput::Kind::Json) {
        Plan plan;
        PlanParseError error;
        if (PlanJsonParser::parse(input, &plan, &error))
            exercisePlan(plan);
        else
            FUZZ_CHECK(error.isError());
    }
    return 0;
}

int planText(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(bytesOf(data, size));
    checkInput(PlanInput::fromText(text), text);
    Plan plan;
    PlanParseError error;
    if (PlanParser::parse(text, &plan, &error)) {
        FUZZ_CHECK(!plan.isEmpty());
        exercisePlan(plan);
    } else {
        FUZZ_CHECK(error.isError());
        error.toString();
    }
    return 0;
}

int psqlScript(const uint8_t *data, size_t size)
{
    const QByteArray bytes = bytesOf(data, size);
    checkScan(bytes, PsqlScanner::scan(bytes));
    SqlFile::check(bytes);
    const QString text = QString::fromUtf8(bytes);
    checkScript(text, StatementSplitter::splitScript(text));
    for (const StatementRange &range : StatementSplitter::split(text))
        FUZZ_CHECK(range.start >= 0 && range.length >= 0
                   && range.start + range.length <= text.size());
    return 0;
}

int migrationNames(const uint8_t *data, size_t size)
{
    using Role = MigrationFolder::FileName::Role;
    const QString text = QString::fromUtf8(bytesOf(data, size));
    // Each distinct version once: the order checks are quadratic and cubic.
    QList<MigrationVersion> versions;
    QSet<QString> seen;
    auto addVersion = [&](const MigrationVersion &version) {
        if (!seen.contains(version.text())) {
            seen.insert(version.text());
            versions.append(version);
        }
    };
    const QStringList names = text.split(QLatin1Char('\n'));
    for (const QString &name : names.mid(0, 32)) {
        for (const MigrationFolder::Dialect dialect : dialects) {
            for (const bool rollbackFolder : {false, true}) {
                const MigrationFolder::FileName parsed
                    = MigrationFolder::parseFileName(dialect, name, rollbackFolder);
                switch (parsed.role) {
                case Role::Up:
                case Role::Down:
                    FUZZ_CHECK(!parsed.version.isNull());
                    FUZZ_CHECK(parsed.role == Role::Up || parsed.description.isEmpty());
                    addVersion(parsed.version);
                    break;
                case Role::Repeatable:
                    FUZZ_CHECK(parsed.version.isNull());
                    FUZZ_CHECK(dialect == MigrationFolder::Dialect::Flyway
                               || dialect == MigrationFolder::Dialect::Seeds);
                    break;
                case Role::None:
                    FUZZ_CHECK(parsed.version.isNull() && parsed.description.isEmpty());
                    break;
                }
            }
        }
        MigrationVersion version;
        if (MigrationVersion::parse(name, &version))
            addVersion(version);
        MigrationFolder::dialectFromName(name);
    }
    for (const MigrationVersion &version : std::as_const(versions))
        checkVersion(version);
    checkOrder(versions);
    MigrationFolder::declaresNoTransaction(text);
    return 0;
}

int checklist(const uint8_t *data, size_t size)
{
    const QString source = QStringLiteral("slipway-checklist.json");
    QString error;
    const Checklist list = Checklist::fromJson(bytesOf(data, size), source, &error);
    if (!list.isValid()) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    // What the checklist editor saves reads back as the same checklist.
    QString againError;
    const Checklist again = Checklist::fromJson(list.toJson(), source, &againError);
    FUZZ_CHECK(again.isValid() && againError.isEmpty());
    FUZZ_CHECK(again.name() == list.name() && again.description() == list.description());
    FUZZ_CHECK(again.items().size() == list.items().size());
    FUZZ_CHECK(again.distinctSigners() == list.distinctSigners());
    for (const QStringList &group : list.distinctSigners()) {
        FUZZ_CHECK(group.size() >= 2);
        for (const QString &id : group)
            FUZZ_CHECK(list.item(id) && list.item(id)->isManual());
    }
    for (qsizetype i = 0; i < list.items().size(); ++i) {
        const ChecklistItem &a = list.items().at(i);
        const ChecklistItem &b = again.items().at(i);
        FUZZ_CHECK(a.id == b.id && a.title == b.title && a.help == b.help && a.phase == b.phase
                   && a.kind == b.kind && a.required == b.required && a.blocking == b.blocking);
        FUZZ_CHECK(list.item(a.id) == &a);
        ChecklistItem::phaseName(a.phase);
    }
    return 0;
}

int connInfo(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(bytesOf(data, size));
    ConnInfo info;
    QString error;
    if (!ConnInfo::parse(text, &info, &error)) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    // What a profile stores reads back as the same settings.
    ConnInfo again;
    FUZZ_CHECK(ConnInfo::parse(info.toString(), &again, &error));
    FUZZ_CHECK(again.entries() == info.entries());
    ConnInfo stored;
    FUZZ_CHECK(ConnInfo::parse(info.toStringWithoutPassword(), &stored, &error));
    FUZZ_CHECK(!stored.contains(QStringLiteral("password")));
    const QString password = QStringLiteral("p w'\\=x");
    ConnInfo withPassword;
    FUZZ_CHECK(ConnInfo::parse(ConnInfo::withPassword(text, password), &withPassword, &error));
    FUZZ_CHECK(withPassword.value(QStringLiteral("password")) == password);
    info.withApplicationDefaults().toString();
    info.displayName();
    info.databaseName();
    return 0;
}

int projectConfig(const uint8_t *data, size_t size)
{
    ProjectConfig config;
    QString error;
    if (!ProjectConfig::parse(bytesOf(data, size), QStringLiteral("slipway.json"), &config, &error)) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    LintOptions options;
    config.applyTo(&options);
    FUZZ_CHECK(options.pgVersion >= LintOptions::MinPgVersion
               && options.pgVersion <= LintOptions::MaxPgVersion);
    FUZZ_CHECK(options.impactRowThreshold >= 0);
    return 0;
}

const std::vector<Target> &targets()
{
    static const std::vector<Target> all{{"plan_json", planJson},
                                         {"plan_text", planText},
                                         {"psql_script", psqlScript},
                                         {"migration_names", migrationNames},
                                         {"checklist", checklist},
                                         {"conninfo", connInfo},
                                         {"project_config", projectConfig}};
    return all;
}

} // namespace FuzzEntryPoints
