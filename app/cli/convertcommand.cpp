#include "convertcommand.h"

#include "migrations/migrationconverter.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationtool.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QString ConvertCommand::summary() const
{
    return tr("write a migration folder in another tool's layout");
}

int ConvertCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addOption(
        {QStringLiteral("dir"), tr("the migration folder to convert"), QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("dialect"), tr("its layout (default: detected)"), QStringLiteral("name")});
    parser.addOption({QStringLiteral("to"),
                      tr("the tool whose layout to write: %1")
                          .arg(MigrationTools::names().join(QStringLiteral(", "))),
                      QStringLiteral("tool")});
    parser.addOption(
        {QStringLiteral("out"), tr("a new or empty folder to write into"), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    for (const char *required : {"dir", "to", "out"}) {
        if (!parser.isSet(QLatin1String(required)))
            return usageError(tr("--%1 is required").arg(QLatin1String(required)));
    }
    const std::optional<MigrationTool> tool = MigrationTools::fromName(
        parser.value(QStringLiteral("to")));
    if (!tool)
        return usageError(tr("unknown --to \"%1\"; use %2")
                              .arg(parser.value(QStringLiteral("to")),
                                   MigrationTools::names().join(QStringLiteral(", "))));
    MigrationFolder::Dialect dialect = MigrationFolder::Dialect::Unknown;
    if (parser.isSet(QStringLiteral("dialect"))) {
        dialect = MigrationFolder::dialectFromName(parser.value(QStringLiteral("dialect")));
        if (dialect == MigrationFolder::Dialect::Unknown)
            return usageError(
                tr("unknown --dialect \"%1\"").arg(parser.value(QStringLiteral("dialect"))));
    }
    const MigrationFolder source = MigrationFolder::read(parser.value(QStringLiteral("dir")),
                                                         dialect);
    if (!source.isValid()) {
        m_err << tr("slipway-cli convert: the migration folder has problems; nothing was "
                    "written:\n%1")
                     .arg(source.errors().join(QLatin1Char('\n')))
              << '\n';
        return UsageError;
    }
    const QString out = QDir(parser.value(QStringLiteral("out"))).absolutePath();
    const MigrationConverter::Result result = MigrationConverter::convert(source, *tool, out);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject root{{QStringLiteral("ok"), result.ok()},
                         {QStringLiteral("to"), MigrationTools::name(*tool)},
                         {QStringLiteral("written"), QJsonArray::fromStringList(result.written)},
                         {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)}};
        if (!result.ok())
            root.insert(QStringLiteral("error"), result.error);
        m_out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        m_out << tr("Wrote %n file(s) in %1's layout to %2", nullptr, int(result.written.size()))
                     .arg(MigrationTools::title(*tool), QDir::toNativeSeparators(out))
              << '\n';
        for (const QString &note : result.notes)
            m_out << tr("note: %1").arg(note) << '\n';
    }
    m_out.flush();
    if (result.ok())
        return Ok;
    m_err << tr("slipway-cli convert: %1").arg(result.error) << '\n';
    // Nothing written means the input was refused (a folder that is not empty).
    return result.written.isEmpty() ? UsageError : Failure;
}
