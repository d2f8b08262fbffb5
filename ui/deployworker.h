#pragma once

#include "deploy/deploychecks.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

// Runs a deploy's checks and its execute step on a thread of its own: DeployChecks blocks (it
// opens connections, runs pg_dump and pg_restore, starts a sandbox), and the wizard must stay
// responsive. Requests are queued slots; results come back as queued signals with copies of the
// data. stop() is the one call made across threads (DeployChecks::requestStop is thread-safe).
class DeployWorker : public QObject
{
    Q_OBJECT

public:
    DeployWorker(const DeployTarget &target, const QString &workDirectory, const QString &rehearsalConninfo = {});
    ~DeployWorker() override;

    // Queue work: each call returns at once. One request runs the phases one after the other,
    // so Cancel stops them all and the worker is busy until the last is done.
    void runPhases(const DeploySession &session, const QList<ChecklistItem::Phase> &phases);
    void runItem(const DeploySession &session, const QString &itemId);
    void apply();
    // What an earlier session's checks learned (DeployChecks::knowledge), before any request.
    void restoreKnowledge(const QJsonObject &knowledge);
    void stop();
    bool isBusy() const { return m_busy; }

signals:
    void itemStarted(const QString &itemId);
    void itemFinished(const QString &itemId, const CheckResult &result);
    void progress(const QString &step, int percent);
    void migrationEvent(const MigrationEvent &event);
    void applied(const DeployExecution &execution);
    // After each check: what the checks know now, for the wizard's resume file.
    void knowledgeChanged(const QJsonObject &knowledge);
    void finished(); // the queued request is done
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);
    void doRunPhases(DeploySession session, const QList<ChecklistItem::Phase> &phases);
    void doRunItem(DeploySession session, const QString &itemId);
    void doApply();
    void requestDone();
    // Numbers a request on the GUI thread; beginRequest (worker thread) arms or clears the stop
    // flag for it, so a Cancel given while it was still queued is not lost.
    int nextRequest() { return ++m_lastRequest; }
    void beginRequest(int request);

    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives in m_thread: queued calls run there
    std::unique_ptr<DeployChecks> m_checks;
    bool m_busy = false;
    std::atomic<int> m_lastRequest{0};
    std::atomic<int> m_stoppedUpTo{0}; // every request up to this one was cancelled
};

Q_DECLARE_METATYPE(CheckResult)
Q_DECLARE_METATYPE(DeployExecution)
