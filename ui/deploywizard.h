#pragma once

#include "db/connectionprofile.h"
#include "deploy/deployreport.h"
#include "deploy/deploysession.h"

#include <QWizard>

class DeployWorker;

// The deploy checklist as a wizard: setup (connection, folder and checklist) → automated checks with live
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
    // What the wizard was opened for: the window's open connection and folder.
    const DeployTarget &initialTarget() const { return m_initial; }
    const DeployExecution &execution() const { return m_execution; }
    DeployWorker *worker();
    // Restore and rehearse on this server instead of a private sandbox (before the first check).
    void setRehearsalServer(const QString &conninfo) { m_rehearsalServer = conninfo; }
    // The saved connections the setup page offers besides the one the wizard was opened for.
    void setProfiles(const QList<ConnectionProfile> &profiles) { m_profiles = profiles; }
    const QList<ConnectionProfile> &profiles() const { return m_profiles; }
    // The database chosen on the setup page (a typed password only in memory).
    void setTarget(const DeployTarget &target);
    const DeployTarget &target() const { return m_target; }
    // Starts the session for a checklist (the setup page calls this); keeps results when a saved
    // deploy of this database and folder used the same checklist.
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
    // Loads the saved deploy for m_target (database and folder); false when there is none.
    bool loadSavedState();
    void dropWorker();

    DeployTarget m_initial;
    DeployTarget m_target;
    QList<ConnectionProfile> m_profiles;
    QString m_stateDirectory;
    DeploySession m_session;
    DeployExecution m_execution;
    DeployWorker *m_worker = nullptr;
    QString m_rehearsalServer;
    bool m_resumed = false;
    qint64 m_auditId = 0;
};
