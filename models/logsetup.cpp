#include "logsetup.h"

#include "deploy/userdatadirectory.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>

#include <cstdio>
#include <memory>

namespace {

constexpr qint64 RotateBytes = 5 * 1024 * 1024;

QMutex fileMutex;
QFile *logFile = nullptr; // owned here for the life of the process
QtMessageHandler previousHandler = nullptr; // Qt's own (stderr, journald), called after ours
bool handlerInstalled = false;

char typeLetter(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 'D';
    case QtInfoMsg:
        return 'I';
    case QtWarningMsg:
        return 'W';
    case QtCriticalMsg:
        return 'C';
    case QtFatalMsg:
        return 'F';
    }
    return '?';
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString safe = LogSetup::redact(message);
    {
        QMutexLocker lock(&fileMutex);
        if (logFile) {
            const QString line = QStringLiteral("%1 %2 %3: %4\n")
                                     .arg(QDateTime::currentDateTime().toString(Qt::ISODateWithMs),
                                          QString(QLatin1Char(typeLetter(type))),
                                          QString::fromLatin1(context.category ? context.category
                                                                               : "default"),
                                          safe);
            logFile->write(line.toUtf8());
            logFile->flush();
        }
    }
    if (previousHandler)
        previousHandler(type, context, safe);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, safe)));
}

} // namespace

namespace LogSetup {

void applyRules()
{
    QString rules = qEnvironmentVariable("SLIPWAY_LOG").trimmed();
    if (rules.isEmpty())
        return;
    if (rules == QLatin1String("1") || rules.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
        rules = QStringLiteral("slipway.*=true");
    // Several rules may be separated by ';' on one line, as in QT_LOGGING_RULES.
    rules.replace(QLatin1Char(';'), QLatin1Char('\n'));
    QLoggingCategory::setFilterRules(rules);
}

bool logToFile(const QString &path, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QFileInfo info(path);
    if (info.exists() && info.size() > RotateBytes) {
        const QString old = path + QStringLiteral(".1");
        QFile::remove(old);
        QFile::rename(path, old);
    }
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file->errorString());
        return false;
    }
    file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    {
        QMutexLocker lock(&fileMutex);
        delete logFile;
        logFile = file.release();
    }
    installHandler();
    return true;
}

void installHandler()
{
    QMutexLocker lock(&fileMutex);
    if (!handlerInstalled) {
        previousHandler = qInstallMessageHandler(handleMessage);
        handlerInstalled = true;
    }
}

QString defaultLogFile()
{
    return QDir(UserDataDirectory::path()).filePath(QStringLiteral("slipway.log"));
}

QString redact(const QString &text)
{
    // conninfo keyword form: password=secret or password = 'se cret'
    static const QRegularExpression keyword(
        QStringLiteral(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]+))"),
        QRegularExpression::CaseInsensitiveOption);
    // URI form: postgresql://user:secret@host
    static const QRegularExpression uri(QStringLiteral(R"((postgres(?:ql)?://[^:/@\s]*:)([^@\s]*)@)"),
                                        QRegularExpression::CaseInsensitiveOption);
    // SQL: ALTER/CREATE ROLE … PASSWORD 'secret'
    static const QRegularExpression sql(QStringLiteral(R"((\bPASSWORD\s+)('(?:[^']|'')*'))"),
                                        QRegularExpression::CaseInsensitiveOption);
    QString result = text;
    result.replace(keyword, QStringLiteral("\\1****"));
    result.replace(uri, QStringLiteral("\\1****@"));
    result.replace(sql, QStringLiteral("\\1'****'"));
    return result;
}

} // namespace LogSetup
