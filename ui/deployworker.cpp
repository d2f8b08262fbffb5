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
    m_checks->requestStop();
}

void DeployWorker::runPhase(const DeploySession &session, ChecklistItem::Phase phase)
{
    setBusy(true);
    QMetaObject::invokeMethod(m_threadContext, [this, session, phase] { doRunPhase(session, phase); }, Qt::QueuedConnection);
}

void DeployWorker::runItem(const DeploySession &session, const QString &itemId)
{
    setBusy(true);
    QMetaObject::invokeMethod(m_threadContext, [this, session, itemId] { doRunItem(session, itemId); }, Qt::QueuedConnection);
}

void DeployWorker::apply()
{
    setBusy(true);
    QMetaObject::invokeMethod(m_threadContext, [this] { doApply(); }, Qt::QueuedConnection);
}

// The do* functions run on m_thread; signals cross back queued (the receivers live on the GUI
// thread), and busy is cleared there once `finished` arrives.
void DeployWorker::doRunPhase(DeploySession session, ChecklistItem::Phase phase)
{
    m_checks->runPhase(session, phase, [this](const ChecklistItem &item, const CheckResult &result) {
        emit itemFinished(item.id, result);
    });
    QMetaObject::invokeMethod(this, [this] { setBusy(false); }, Qt::QueuedConnection);
    emit finished();
}

void DeployWorker::doRunItem(DeploySession session, const QString &itemId)
{
    if (const ChecklistItem *item = session.checklist().item(itemId)) {
        emit itemStarted(itemId);
        emit itemFinished(itemId, m_checks->run(item->kind, session));
    }
    QMetaObject::invokeMethod(this, [this] { setBusy(false); }, Qt::QueuedConnection);
    emit finished();
}

void DeployWorker::doApply()
{
    const DeployExecution execution = m_checks->apply([this](const MigrationEvent &event) { emit migrationEvent(event); });
    emit applied(execution);
    QMetaObject::invokeMethod(this, [this] { setBusy(false); }, Qt::QueuedConnection);
    emit finished();
}
