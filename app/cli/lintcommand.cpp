#include "lintcommand.h"

#include "db/pgconnection.h"
#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "lint/linttarget.h"
#include "lint/liveschema.h"
#include "lint/projectconfig.h"
#include "lint/rulecatalog.h"
#include "migrations/migrationfolder.h"
#include "migrationview/migrationlintcontext.h"
#include "sql/sqlscript.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Paths under the working directory are printed relative to it (what CI annotations expect).
QString displayPath(const QString &path)
{
    const QString relative = QDir::current().relativeFilePath(path);
    return relative.startsWith(QLatin1String("..")) ? path : relative;
}

// GitHub workflow commands: data escapes %, CR and LF; properties also ':' and ','.
QString githubEscape(QString text, bool property)
{
    text.replace(QLatin1Char('%'), QStringLiteral("%25"))
        .replace(QLatin1Char('\r'), QStringLiteral("%0D"))
        .replace(QLatin1Char('\n'), QStringLiteral("%0A"));
    if (property)
        text.replace(QLatin1Char(':'), QStringLiteral("%3A"))
            .replace(QLatin1Char(','), QStringLiteral("%2C"));
    return text;
}

QString categoryName(RuleInfo::Category category)
{
    switch (category) {
    case RuleInfo::Category::Locking:
        return LintCommand::tr("locking");
    case RuleInfo::Category::Breaking:
        return LintCommand::tr("breaking change");
    case RuleInfo::Category::Transaction:
        return LintCommand::tr("transactions");
    case RuleInfo::Category::Performance:
        return LintCommand::tr("performance");
    case RuleInfo::Category::Style:
        break;
    }
    return LintCommand::tr("style");
}

} // namespace

QString LintCommand::summary() const
{
    return tr(
        "lint SQL files and migration folders [--format text|json|github] [--db CONNINFO] PATH...");
}

int LintCommand::explain(const QString &rule)
{
    const std::optional<RuleInfo> info = RuleCatalog::rule(rule);
    if (!info)
        return usageError(
            tr("unknown rule \"%1\" (slipway-cli lint --list-rules shows them all)").arg(rule));
    m_out << info->id << " (" << Finding::severityName(info->severity) << ", "
          << categoryName(info->category) << ")\n"
          << info->summary << "\n\n"
          << tr("Lock:") << ' ' << info->lock << '\n'
          << tr("Why:") << ' ' << info->why << '\n'
          << tr("Instead:") << ' ' << info->safeAlternative << '\n';
    m_out.flush();
    return Ok;
}

int LintCommand::listRules()
{
    for (const RuleInfo &info : RuleCatalog::rules())
        m_out << info.id.leftJustified(46) << Finding::severityName(info.severity).leftJustified(9)
              << info.summary << '\n';
    m_out.flush();
    return Ok;
}

bool LintCommand::lintPath(const QString &path,
                           const LintOptions &base,
                           const Overrides &overrides,
                           const KnownSchema &schema,
                           const QString &dialect,
                           QList<Finding> *findings,
                           int *files)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        m_err << tr("%1: no such file or folder").arg(path) << Qt::endl;
        return false;
    }
    // A file of a migration folder is linted as the engine runs it, after the folder's earlier
    // migrations and with the folder's slipway.json: what `lint FOLDER` reports for it.
    const LintTarget target = info.isDir()
                                  ? LintTarget()
                                  : LintTarget::locate(path,
                                                       {},
                                                       MigrationFolder::dialectFromName(dialect));
    LintOptions options = base;
    ProjectConfig config;
    QString error;
    if (!ProjectConfig::load(info.isDir() ? path : target.configDirectory(), &config, &error)) {
        m_err << error << Qt::endl;
        return false;
    }
    config.applyTo(&options);
    if (overrides.pgVersion)
        options.pgVersion = *overrides.pgVersion;
    if (overrides.assumeInTransaction)
        options.assumeInTransaction = true;
    Linter linter(options, schema);

    if (!info.isDir()) {
        QString text;
        if (!SqlFile::read(path, &text, &error)) {
            m_err << error << Qt::endl;
            return false;
        }
        // A file named on the command line with nothing in it is most likely the wrong file (a
        // folder's migrations may be empty on purpose; those are not refused).
        if (text.isEmpty()) {
            m_err << tr("%1: is empty; there is nothing to lint").arg(path) << Qt::endl;
            return false;
        }
        ++*files;
        if (!target.isMigration()) {
            findings->append(linter.lintFile(path, text));
            return true;
        }
        MigrationLintContext::Input input;
        input.folder = target.folder();
        input.fileName = path;
        input.options = options;
        input.schema = schema;
        const std::shared_ptr<const MigrationLintContext> context
            = MigrationLintContext::prepare(input, nullptr);
        Linter migrationLinter = context ? context->linter() : linter;
        findings->append(FolderLinter::lintFile(target, text, migrationLinter));
        // As for a folder: an earlier migration that cannot be read leaves the lint incomplete.
        const QStringList problems = context ? context->errors() : QStringList();
        for (const QString &problem : problems)
            m_err << problem << Qt::endl;
        return problems.isEmpty();
    }

    const MigrationFolder folder = MigrationFolder::read(path,
                                                         MigrationFolder::dialectFromName(dialect));
    if (!folder.isValid()) {
        for (const QString &problem : folder.errors())
            m_err << problem << Qt::endl;
        return false;
    }
    QStringList errors;
    findings->append(FolderLinter::lint(folder, linter, &errors));
    *files += int(folder.migrations().size());
    for (const QString &problem : std::as_const(errors))
        m_err << problem << Qt::endl;
    return errors.isEmpty();
}

void LintCommand::print(const QList<Finding> &findings, const QString &format, int files)
{
    if (format == QLatin1String("json")) {
        QJsonArray array;
        for (const Finding &finding : findings) {
            QJsonObject object{{QStringLiteral("file"), displayPath(finding.file)},
                               {QStringLiteral("line"), finding.line},
                               {QStringLiteral("column"), finding.column},
                               {QStringLiteral("rule"), finding.rule},
                               {QStringLiteral("severity"), Finding::severityName(finding.severity)},
                               {QStringLiteral("message"), finding.message}};
            if (!finding.impact.isEmpty())
                object.insert(QStringLiteral("impact"), finding.impact);
            array.append(object);
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else if (format == QLatin1String("github")) {
        for (const Finding &finding : findings) {
            QString message = finding.message;
            if (!finding.impact.isEmpty())
                message += QLatin1Char('\n') + finding.impact;
            m_out << "::" << Finding::severityName(finding.severity)
                  << " file=" << githubEscape(displayPath(finding.file), true)
                  << ",line=" << finding.line << ",col=" << finding.column
                  << ",title=" << githubEscape(finding.rule, true)
                  << "::" << githubEscape(message, false) << '\n';
        }
    } else {
        int errors = 0;
        for (const Finding &finding : findings) {
            errors += finding.isError() ? 1 : 0;
            m_out << displayPath(finding.file) << ':' << finding.line << ':' << finding.column
                  << ": " << Finding::severityName(finding.severity) << ": " << finding.message
                  << " [" << finding.rule << "]\n";
            if (!finding.impact.isEmpty())
                m_out << "    " << finding.impact << '\n';
        }
        m_out << tr("%n file(s) checked", nullptr, files) << ", "
              << tr("%n error(s)", nullptr, errors) << ", "
              << tr("%n warning(s)", nullptr, int(findings.size()) - errors) << '\n';
    }
    m_out.flush();
}

int LintCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("format"),
                      tr("output: text (default), json or github"),
                      QStringLiteral("format"),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("pg-version"),
                      tr("PostgreSQL major version whose behaviour applies, over slipway.json's "
                         "pg_version (default: that, else the connected server, else 15)"),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("db"),
                      tr("read table sizes, types and indexes from this database"),
                      QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("assume-in-transaction"),
                      tr("lint files as if the migration tool wrapped each in a transaction")});
    parser.addOption(
        {QStringLiteral("dialect"),
         tr("migration folder layout: flyway, seeds, up-down or dbmate (default: detected)"),
         QStringLiteral("dialect")});
    parser.addOption(
        {QStringLiteral("explain"), tr("describe a rule and exit"), QStringLiteral("rule")});
    parser.addOption({QStringLiteral("list-rules"), tr("list every rule and exit")});
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 tr("SQL files and migration folders"),
                                 QStringLiteral("PATH..."));
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (parser.isSet(QStringLiteral("explain")))
        return explain(parser.value(QStringLiteral("explain")));
    if (parser.isSet(QStringLiteral("list-rules")))
        return listRules();

    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return usageError(tr("give at least one SQL file or migration folder"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json")
        && format != QLatin1String("github"))
        return usageError(tr("--format must be text, json or github, not \"%1\"").arg(format));
    const QString dialect = parser.value(QStringLiteral("dialect"));
    if (!dialect.isEmpty()
        && MigrationFolder::dialectFromName(dialect) == MigrationFolder::Dialect::Unknown)
        return usageError(
            tr("--dialect must be flyway, seeds, up-down or dbmate, not \"%1\"").arg(dialect));

    LintOptions options;
    Overrides overrides;
    overrides.assumeInTransaction = parser.isSet(QStringLiteral("assume-in-transaction"));
    options.assumeInTransaction = overrides.assumeInTransaction;
    if (parser.isSet(QStringLiteral("pg-version"))) {
        bool ok = false;
        const int version = parser.value(QStringLiteral("pg-version")).toInt(&ok);
        if (!ok || version < LintOptions::MinPgVersion || version > LintOptions::MaxPgVersion)
            return usageError(tr("--pg-version must be a major version from %1 to %2")
                                  .arg(LintOptions::MinPgVersion)
                                  .arg(LintOptions::MaxPgVersion));
        overrides.pgVersion = version;
        options.pgVersion = version;
    }

    KnownSchema schema;
    if (parser.isSet(QStringLiteral("db"))) {
        try {
            PgConnection connection(parser.value(QStringLiteral("db")));
            connection.open();
            schema = LiveSchema::load(connection);
        } catch (const DbException &e) {
            return usageError(
                tr("could not read the database: %1").arg(e.error().toDisplayString()));
        }
        if (!overrides.pgVersion)
            options.pgVersion = qBound(LintOptions::MinPgVersion,
                                       schema.serverVersion,
                                       LintOptions::MaxPgVersion);
    }

    QList<Finding> findings;
    int files = 0;
    bool inputOk = true;
    for (const QString &path : paths)
        inputOk = lintPath(path, options, overrides, schema, dialect, &findings, &files) && inputOk;
    if (!inputOk)
        return UsageError;
    print(findings, format, files);
    const bool errors = std::any_of(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.isError();
    });
    return errors ? Failure : Ok;
}
