#include "threadguard.h"

#include <QThread>

#include <atomic>
#include <stdexcept>
#include <string>

namespace {
std::atomic<QThread *> g_forbidden{nullptr};
}

namespace ThreadGuard {

void forbidCurrentThread()
{
    g_forbidden.store(QThread::currentThread());
}

void allowAllThreads()
{
    g_forbidden.store(nullptr);
}

bool isForbidden()
{
    return g_forbidden.load() == QThread::currentThread();
}

void check(const char *what)
{
    if (isForbidden())
        throw std::logic_error(std::string("database call on the GUI thread: ") + what);
}

} // namespace ThreadGuard
