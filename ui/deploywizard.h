#pragma once

#include "db/connectionprofile.h"
#include "deploy/deployreport.h"
#include "deploy/deploysession.h"

#include <QJsonObject>
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
    // Where the dump and the rehearsal server go; removeWork stops the server and deletes it.
    QString workDirectory() const;
    bool removeWork(QString *error);
    bool resumed() const { return m_resumed; }
    // The Markdown report of the deploy so far.
    QString report() const;
    // Records the deploy in the audit log: when it has been executed (each attempt its own
    // entry), then completed on the report page (`final`: the saved state goes, the deploy is over).
    qint64 recordAudit(bool final);
    qint64 auditId() const { return m_auditId; }
    // What the checks learned (DeployChecks::knowledge), kept across a closed wizard.
    const QJsonObject &knowledge() const { return m_knowledge; }
    // The page a resumed deploy opens on.
    int resumePage() const;

    static QString defaultStateDirectory();

private:
    // Loads the saved deploy for m_target (database and folder); false when there is none.
    bool loadSavedState();
    void dropWorker();
    void done(int result) override;

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
    QJsonObject m_knowledge;
    int m_savedPage = ChecksPage;
};
