#include "deployworker.h"

#include <QMetaObject>

DeployWorker::DeployWorker(const DeployTarget &target, const QString &workDirectory, const QString &rehearsalConninfo)
    : m_checks(std::make_unique<DeployChecks>(target, workDirectory, rehearsalConninfo))
{
    qRegisterMetaType<CheckResult>();
    qRegisterMetaType<DeployExecution>();
    qRegisterMetaType<MigrationEvent>();
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_threadContext, &QObject::deleteLater);
    m_checks->setProgress([this](const QString &step, int percent) { emit progress(step, percent); });
    m_thread.setObjectName(QStringLiteral("deploy-worker"));
    m_thread.start();
}

DeployWorker::~DeployWorker()
{
    m_checks->requestStop();
    m_thread.quit();
    m_thread.wait();
}

void DeployWorker::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void DeployWorker::stop()
{
    m_stoppedUpTo.store(m_lastRequest.load());
    m_checks->requestStop();
}

void DeployWorker::beginRequest(int request)
{
    if (request <= m_stoppedUpTo.load())
        m_checks->requestStop();
    else
        m_checks->resetStop();
}

void DeployWorker::runPhases(const DeploySession &session, const QList<ChecklistItem::Phase> &phases)
{
    setBusy(true);
    const int request = nextRequest();
    QMetaObject::invokeMethod(m_threadContext, [this, session, phases, request] {
            beginRequest(request);
            doRunPhases(session, phases);
        }, Qt::QueuedConnection);
}

void DeployWorker::runItem(const DeploySession &session, const QString &itemId)
{
    setBusy(true);
    const int request = nextRequest();
    QMetaObject::invokeMethod(m_threadContext, [this, session, itemId, request] {
            beginRequest(request);
            doRunItem(session, itemId);
        }, Qt::QueuedConnection);
}

void DeployWorker::apply()
{
    setBusy(true);
    const int request = nextRequest();
    QMetaObject::invokeMethod(m_threadContext, [this, request] {
            beginRequest(request);
            doApply();
        }, Qt::QueuedConnection);
}

void DeployWorker::restoreKnowledge(const QJsonObject &knowledge)
{
    QMetaObject::invokeMethod(m_threadContext, [this, knowledge] { m_checks->restoreKnowledge(knowledge); }, Qt::QueuedConnection);
}

// The do* functions run on m_thread; signals cross back queued (the receivers live on the GUI
// thread), and busy is cleared there once `finished` arrives. Cancel belongs to the requests
// made before it (see beginRequest).
void DeployWorker::doRunPhases(DeploySession session, const QList<ChecklistItem::Phase> &phases)
{
    for (ChecklistItem::Phase phase : phases) {
        if (m_checks->stopRequested())
            break;
        m_checks->runPhase(
            session, phase,
            [this](const ChecklistItem &item, const CheckResult &result) {
                emit itemFinished(item.id, result);
                emit knowledgeChanged(m_checks->knowledge());
            },
            [this](const ChecklistItem &item) { emit itemStarted(item.id); });
    }
    requestDone();
}

void DeployWorker::doRunItem(DeploySession session, const QString &itemId)
{
    if (const ChecklistItem *item = session.checklist().item(itemId)) {
        emit itemStarted(itemId);
        emit itemFinished(itemId, m_checks->run(item->kind, session));
        emit knowledgeChanged(m_checks->knowledge());
    }
    requestDone();
}

void DeployWorker::doApply()
{
    const DeployExecution execution = m_checks->apply([this](const MigrationEvent &event) { emit migrationEvent(event); });
    emit applied(execution);
    requestDone();
}

void DeployWorker::requestDone()
{
    QMetaObject::invokeMethod(this, [this] { setBusy(false); }, Qt::QueuedConnection);
    emit finished();
}
