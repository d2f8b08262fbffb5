#include "projectconfig.h"

#include "rulecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

int lineAt(const QByteArray &text, qsizetype offset)
{
    return int(text.left(offset).count('\n')) + 1;
}

// The line where "key" first appears, for messages about its value.
int lineOfKey(const QByteArray &text, const QString &key)
{
    const qsizetype at = text.indexOf(QByteArray("\"") + key.toUtf8() + "\"");
    return at < 0 ? 1 : lineAt(text, at);
}

QString translate(const char *text)
{
    return QCoreApplication::translate("ProjectConfig", text);
}

} // namespace

bool ProjectConfig::load(const QString &directory, ProjectConfig *config, QString *error)
{
    *config = ProjectConfig();
    const QString path = QDir(directory).filePath(QString::fromLatin1(FileName));
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = translate("%1: cannot read the file (%2)").arg(path, file.errorString());
        return false;
    }
    return parse(file.readAll(), path, config, error);
}

bool ProjectConfig::parse(const QByteArray &text,
                          const QString &path,
                          ProjectConfig *config,
                          QString *error)
{
    *config = ProjectConfig();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = translate("%1:%2: invalid JSON: %3")
                     .arg(path)
                     .arg(lineAt(text, parseError.offset))
                     .arg(parseError.errorString());
        return false;
    }
    if (!document.isObject()) {
        *error = translate("%1:1: expected a JSON object such as {\"exclude\": [\"rule-id\"]}")
                     .arg(path);
        return false;
    }
    const QJsonObject object = document.object();
    auto fail = [&](const QString &key, const QString &what) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(lineOfKey(text, key)).arg(what);
        return false;
    };
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString &key = it.key();
        const QJsonValue &value = it.value();
        if (key == QLatin1String("exclude")) {
            if (!value.isArray())
                return fail(key, translate("\"exclude\" must be a list of rule ids"));
            for (const QJsonValue &rule : value.toArray()) {
                const QString id = RuleCatalog::canonicalId(rule.toString());
                if (id.isEmpty())
                    return fail(key,
                                translate("unknown rule \"%1\" in \"exclude\" (slipway-cli lint "
                                          "--explain lists none by that name)")
                                    .arg(rule.toString()));
                config->excludedRules.insert(id);
            }
        } else if (key == QLatin1String("pg_version")) {
            const int version = value.toInt(-1);
            if (!value.isDouble() || version < LintOptions::MinPgVersion
                || version > LintOptions::MaxPgVersion)
                return fail(key,
                            translate("\"pg_version\" must be a major version from %1 to %2")
                                .arg(LintOptions::MinPgVersion)
                                .arg(LintOptions::MaxPgVersion));
            config->pgVersion = version;
        } else if (key == QLatin1String("impact_threshold")) {
            // Beyond 2^53 a double no longer counts rows one by one, and beyond 2^63 the
            // conversion to qint64 is undefined; no table comes near either.
            constexpr double MaxRows = 9007199254740992.0;
            const double rows = value.toDouble();
            if (!value.isDouble() || rows < 0 || rows > MaxRows)
                return fail(key,
                            translate("\"impact_threshold\" must be a number of rows from 0 to %1")
                                .arg(qint64(MaxRows)));
            config->impactRowThreshold = qint64(rows);
        } else if (key == QLatin1String("assume_in_transaction")) {
            if (!value.isBool())
                return fail(key, translate("\"assume_in_transaction\" must be true or false"));
            config->assumeInTransaction = value.toBool();
        } else if (key == QLatin1String("tool")) {
            const std::optional<MigrationTool> tool = MigrationTools::fromName(value.toString());
            if (!value.isString() || !tool)
                return fail(key,
                            translate("\"tool\" must be one of %1")
                                .arg(MigrationTools::names().join(QStringLiteral(", "))));
            config->tool = tool;
        } else {
            return fail(key,
                        translate("unknown setting \"%1\" (expected exclude, pg_version, "
                                  "impact_threshold, assume_in_transaction or tool)")
                            .arg(key));
        }
    }
    return true;
}

void ProjectConfig::applyTo(LintOptions *options) const
{
    options->excludedRules.unite(excludedRules);
    if (pgVersion)
        options->pgVersion = *pgVersion;
    if (impactRowThreshold)
        options->impactRowThreshold = *impactRowThreshold;
    if (assumeInTransaction)
        options->assumeInTransaction = *assumeInTransaction;
    if (tool)
        options->tool = tool;
}
