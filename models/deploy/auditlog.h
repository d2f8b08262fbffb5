#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// One change Slipway made to a database, as the audit trail keeps it: a deploy, or a migrate,
// rollback, baseline or repair run from the window or the CLI.
struct AuditEntry
{
    qint64 id = 0;
    QString action = QStringLiteral("deploy"); // deploy, migrate, rollback, baseline, repair
    QString origin;                            // the program: slipway or slipway-cli
    QDateTime started;
    QDateTime finished;
    QString user;
    QString connection; // display form, never a password
    QString folder;
    QString checklist; // deploys only
    QString outcome;   // DeployExecution::outcomeName, or MigrationAudit::outcomeName
    QStringList migrations;
    QString message; // what went wrong, or empty
    QString report;  // Markdown; deploys only

    qint64 durationMs() const { return started.msecsTo(finished); }
    QString durationText() const; // "850 ms", "4.79 s", "2 min 5 s" as the migration list shows
};

// Which entries to list; empty members match everything.
struct AuditFilter
{
    QString connection; // part of the connection's display form, e.g. "/shop" or "db1:5432"
    QString action;
    QDateTime since;
};

// Every change recorded in a local SQLite database (Qt Sql), by default in the user's data
// directory; SLIPWAY_AUDIT_DB names another file. A deploy is recorded as soon as it has been
// executed (so a crash or a closed window cannot lose it); the wizard completes that entry with
// the verification and the final report. Entries are never deleted. A file written before
// entries had an action gets the new columns on first use; its rows are deploys.
// Opens its own uniquely named Qt Sql connection per call, so any thread may use it.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    explicit AuditLog(QString path = defaultPath());
    static QString defaultPath();
    QString path() const { return m_path; }

    // A new entry (entry.id 0), or the completion of the entry with that id. Returns the
    // entry's id, or 0 with *error set.
    qint64 record(const AuditEntry &entry, QString *error);
    // Newest first; the report text only when withReports.
    QList<AuditEntry> entries(QString *error,
                              bool withReports = false,
                              const AuditFilter &filter = {}) const;
    AuditEntry entry(qint64 id, QString *error) const;

private:
    QString m_path;
};
