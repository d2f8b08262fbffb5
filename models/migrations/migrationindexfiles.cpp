#include "migrationindexfiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace {

bool readAll(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = MigrationIndexFiles::tr("%1: cannot read: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    *bytes = file.readAll();
    return true;
}

bool writeAll(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit()) {
        *error = MigrationIndexFiles::tr("%1: cannot write the file (%2)")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

// A value of sqitch.conf's [user] section (git-config syntax: "name = Ann Smith").
QString userSetting(const QByteArray &config, const QString &key)
{
    bool inUser = false;
    for (const QByteArray &raw : config.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1Char('[')))
            inUser = line.compare(QLatin1String("[user]"), Qt::CaseInsensitive) == 0;
        else if (inUser && line.section(QLatin1Char('='), 0, 0).trimmed() == key)
            return line.section(QLatin1Char('='), 1).trimmed().remove(QLatin1Char('"'));
    }
    return {};
}

} // namespace

bool MigrationIndexFiles::addDrizzleEntry(const QString &directory,
                                          const QString &tag,
                                          qint64 when,
                                          QString *error)
{
    const QString path = QDir(directory).filePath(QStringLiteral("meta/_journal.json"));
    QByteArray text;
    if (!readAll(path, &text, error))
        return false;
    QJsonParseError parseError;
    const QJsonDocument journal = QJsonDocument::fromJson(text, &parseError);
    const QJsonValue entries = journal.object().value(QStringLiteral("entries"));
    // The text is extended in place (drizzle-kit's own layout kept): the entries array closes at
    // the last ']' of the file, since drizzle-kit writes it as the journal's last member.
    const qsizetype close = text.lastIndexOf(']');
    if (parseError.error != QJsonParseError::NoError || !entries.isArray() || close < 0) {
        *error = tr("%1: not a Drizzle journal (expected an object with an \"entries\" array); "
                    "nothing was added to it")
                     .arg(QDir::toNativeSeparators(path));
        return false;
    }
    const QJsonArray list = entries.toArray();
    const QString version = list.isEmpty() ? QStringLiteral("7")
                                           : list.last()
                                                 .toObject()
                                                 .value(QStringLiteral("version"))
                                                 .toString(QStringLiteral("7"));
    const QByteArray entry = QStringLiteral(
                                 "    {\n      \"idx\": %1,\n      \"version\": \"%2\",\n"
                                 "      \"when\": %3,\n      \"tag\": \"%4\",\n"
                                 "      \"breakpoints\": true\n    }")
                                 .arg(list.size())
                                 .arg(version)
                                 .arg(when)
                                 .arg(tag)
                                 .toUtf8();
    qsizetype end = close;
    while (end > 0 && QChar::isSpace(uchar(text.at(end - 1))))
        --end;
    const QByteArray insert = list.isEmpty() ? "\n" + entry + "\n  " : ",\n" + entry + "\n  ";
    text.replace(end, close - end, insert);
    return writeAll(path, text, error);
}

bool MigrationIndexFiles::addSqitchChange(const QString &directory,
                                          const QString &name,
                                          const QString &note,
                                          QString *error)
{
    const QDir dir(directory);
    const QString path = dir.filePath(QStringLiteral("sqitch.plan"));
    QByteArray plan;
    if (!readAll(path, &plan, error))
        return false;
    QByteArray config;
    QString ignored;
    readAll(dir.filePath(QStringLiteral("sqitch.conf")), &config, &ignored);
    QString planner = userSetting(config, QStringLiteral("name"));
    QString email = userSetting(config, QStringLiteral("email"));
    if (planner.isEmpty())
        planner = qEnvironmentVariable("SQITCH_FULLNAME",
                                       qEnvironmentVariable("USER", QStringLiteral("slipway")));
    if (email.isEmpty())
        email = qEnvironmentVariable("SQITCH_EMAIL", planner + QStringLiteral("@localhost"));
    static const QRegularExpression nameRule(QStringLiteral("^[^\\s:@#/\\\\\\[\\]]+$"));
    if (!nameRule.match(name).hasMatch()) {
        *error = tr("\"%1\" is not a Sqitch change name (no spaces or any of : @ # / \\ [ ])")
                     .arg(name);
        return false;
    }
    QString line = QStringLiteral("%1 %2 %3 <%4>")
                       .arg(name,
                            QDateTime::currentDateTimeUtc().toString(
                                QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")),
                            planner,
                            email);
    if (!note.trimmed().isEmpty())
        line += QStringLiteral(" # ") + note.simplified();
    if (!plan.isEmpty() && !plan.endsWith('\n'))
        plan += '\n';
    plan += line.toUtf8() + '\n';
    return writeAll(path, plan, error);
}
