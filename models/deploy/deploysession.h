#pragma once

#include "checklist.h"
#include "migrations/migrationfolder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// The outcome of one automated check, with the evidence the report shows.
struct CheckResult
{
    enum class Status { NotRun, Running, Passed, Warning, Failed, Cancelled };

    Status status = Status::NotRun;
    QString summary;  // one line: "Backup verified: 12 tables, 2,655,009 rows"
    QString evidence; // Markdown: tables, lists, diffs
    // lint-clean: the keys (DeploySession::lintKey) of error-level findings still waiting for a
    // sign-off, so the GUI offers them without reading the evidence text.
    QStringList openSignOffKeys;
    qint64 elapsedMs = 0;
    QDateTime finishedAt;

    bool passed() const { return status == Status::Passed || status == Status::Warning; }
    static QString statusName(Status status); // not-run, running, passed, warning, failed, cancelled
    static Status statusFromName(const QString &name);
};

// A person's tick on a manual item, or on an error-level lint finding they accept.
struct SignOff
{
    QString name;
    QString note;
    QDateTime at;

    bool isEmpty() const { return name.trimmed().isEmpty(); }
};

// What is being deployed where: never holds a password in anything it saves (see toJson).
struct DeployTarget
{
    QString conninfo;          // the target; may hold a password in memory only
    QString displayName;       // "postgres@db1:5432/shop"
    QString migrationDirectory;
    MigrationFolder::Dialect dialect = MigrationFolder::Dialect::Unknown;
    bool production = false;
};

// One deploy from checklist to report: the checklist, each item's result or sign-off, lint
// sign-offs, and the go / no-go decision. Saved as JSON (without passwords) so a closed wizard
// resumes where it was. Plain data; the checks themselves live in DeployChecks.
class DeploySession
{
    Q_DECLARE_TR_FUNCTIONS(DeploySession)

public:
    struct Decision
    {
        bool go = false;
        QStringList blockers; // why not: one line per item
        QStringList warnings; // non-blocking items that did not pass
    };

    DeploySession() = default;
    DeploySession(DeployTarget target, Checklist checklist);

    const DeployTarget &target() const { return m_target; }
    DeployTarget &target() { return m_target; }
    const Checklist &checklist() const { return m_checklist; }

    CheckResult result(const QString &itemId) const { return m_results.value(itemId); }
    void setResult(const QString &itemId, const CheckResult &result) { m_results.insert(itemId, result); }
    SignOff signOff(const QString &itemId) const { return m_signOffs.value(itemId); }
    void sign(const QString &itemId, const SignOff &signOff) { m_signOffs.insert(itemId, signOff); }
    void unsign(const QString &itemId) { m_signOffs.remove(itemId); }

    // Error-level lint findings accepted with a reason, keyed by LintSignOffs::key().
    const QHash<QString, SignOff> &lintSignOffs() const { return m_lintSignOffs; }
    void signLint(const QString &key, const SignOff &signOff) { m_lintSignOffs.insert(key, signOff); }
    static QString lintKey(const QString &rule, const QString &file, int line);

    // Whether the items before execution (phases prepare and execute) allow going ahead: a
    // required item must have passed (automated) or be signed (manual); an optional item that
    // is blocking stops the deploy only when it ran and failed; anything else that did not pass
    // is a warning in the report. Two items of a distinctSigners group signed by one person
    // (names compared ignoring case and extra spaces) block too.
    Decision decision() const;
    // Same rule for the verify phase, after execution.
    Decision verification() const;

    // The wizard's resume file. The conninfo is stored without its password.
    QJsonObject toJson() const;
    static DeploySession fromJson(const QJsonObject &json, QString *error);

    // "Name: note" as the CLI's --sign takes it.
    static SignOff parseSignOff(const QString &text, QString *error);

private:
    Decision decide(bool verifyPhase) const;
    void addSignerClashes(bool verifyPhase, Decision *decision) const;

    DeployTarget m_target;
    Checklist m_checklist;
    QHash<QString, CheckResult> m_results;
    QHash<QString, SignOff> m_signOffs;
    QHash<QString, SignOff> m_lintSignOffs;
};
