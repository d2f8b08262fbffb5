#pragma once

#include "deploysession.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// What the execute step did.
struct DeployExecution
{
    enum class Outcome { NotRun, Applied, Failed, Cancelled, Refused };
    Outcome outcome = Outcome::NotRun;
    QStringList applied; // "003 add customers loyalty tier"
    QString message;     // the failure, naming file and line
    QDateTime started;
    QDateTime finished;
    QHash<QString, qint64> elapsedMs; // time on the target by migration version

    // For the wizard's resume file.
    QJsonObject toJson() const;
    static DeployExecution fromJson(const QJsonObject &json);

    static QString outcomeName(Outcome outcome); // not-run, applied, failed, cancelled, refused
};

// The deploy report: who, when, the connection (never a password), the migrations, every check
// with its evidence, sign-offs, durations and the outcome. Written as Markdown; HTML and PDF are
// the same document through QTextDocument (PDF with QPdfWriter, no printer or widgets needed).
class DeployReport
{
    Q_DECLARE_TR_FUNCTIONS(DeployReport)

public:
    static QString markdown(const DeploySession &session, const DeployExecution &execution, const QString &user);
    static QString html(const QString &markdown);
    static QString layoutTitle(MigrationFolder::Dialect dialect);
    // The account running Slipway, for "who" in reports and the audit log.
    static QString currentUser();
    // The format follows the extension: .md, .html / .htm, .pdf. False with *error otherwise.
    static bool write(const QString &path, const QString &markdown, QString *error);
};
