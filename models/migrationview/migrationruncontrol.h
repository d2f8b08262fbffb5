#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QObject>

#include <functional>

class MigrationRunner;

// The link between one engine run on a connection's worker thread and the widget that started
// it on the GUI thread, shared by both (std::shared_ptr) so neither outlives what it points to.
// The worker attaches its MigrationRunner while it runs; requestStop() from the GUI reaches it
// then, or is remembered and applied on attach when the run still waits in the queue. post()
// hands a function to the receiver's thread, or drops it once the receiver has detached (its
// destructor detaches, so a run that outlives its widget reports to nobody). Thread-safe.
class MigrationRunControl
{
public:
    // Worker thread: the runner of this run, or nullptr when it is done.
    void attach(MigrationRunner *runner);
    void detach();
    bool isRunning() const; // a runner is attached (the job has left the queue)

    void requestStop();
    bool stopRequested() const;

    void setReceiver(QObject *receiver);
    // Queued to the receiver's thread; nothing happens without a receiver.
    void post(std::function<void()> function);

private:
    mutable QMutex m_mutex;
    MigrationRunner *m_runner = nullptr;
    QObject *m_receiver = nullptr;
    bool m_stop = false;
};
