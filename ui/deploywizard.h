#pragma once

#include "deploy/deployreport.h"
#include "deploy/deploysession.h"

#include <QWizard>

class DeployWorker;

// The deploy checklist as a wizard: setup (folder and checklist) → automated checks with live
// status and evidence → manual sign-offs → go / no-go summary → execute (typed database name on
// production, live log, cancel after the current statement) → verify → report, recorded in the
// audit log. Every change is saved to a state file, so a wizard closed half-way opens where it
// was for the same database and folder. All database work runs on a DeployWorker thread.
class DeployWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { SetupPage, ChecksPage, SignOffPage, SummaryPage, ExecutePage, VerifyPage, ReportPage };

    // `target` carries the connection (a password only in memory); `stateDirectory` is where
    // resume files go (default: the user's data directory).
    explicit DeployWizard(const DeployTarget &target, const QString &stateDirectory = {}, QWidget *parent = nullptr);
    ~DeployWizard() override;

    DeploySession &session() { return m_session; }
    // What the wizard was opened for (the session's target once the setup page is done).
    const DeployTarget &initialTarget() const { return m_target; }
    const DeployExecution &execution() const { return m_execution; }
    DeployWorker *worker();
    // Restore and rehearse on this server instead of a private sandbox (before the first check).
    void setRehearsalServer(const QString &conninfo) { m_rehearsalServer = conninfo; }
    // Starts the session for a checklist (the setup page calls this); keeps results when the
    // checklist is the resumed one.
    void startSession(const QString &folder, const Checklist &checklist);
    void setExecution(const DeployExecution &execution);
    void saveState() const;
    QString statePath() const;
    bool resumed() const { return m_resumed; }
    // The Markdown report of the deploy so far; recorded in the audit log once, on the report page.
    QString report() const;
    qint64 recordAudit();

    static QString defaultStateDirectory();

private:
    DeployTarget m_target;
    QString m_stateDirectory;
    DeploySession m_session;
    DeployExecution m_execution;
    DeployWorker *m_worker = nullptr;
    QString m_rehearsalServer;
    bool m_resumed = false;
    qint64 m_auditId = 0;
};
