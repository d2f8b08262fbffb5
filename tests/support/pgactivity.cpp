#include "pgactivity.h"

#include "db/connectionworker.h"
#include "db/pgconnection.h"

#include <QTest>

namespace PgActivity {

bool waitUntilSleeping(const QString &conninfo, const QString &pid, int timeoutMs)
{
    if (pid.isEmpty())
        return false;
    ConnectionWorker observer(std::make_unique<PgConnection>(conninfo));
    observer.open();
    QObject context;
    bool sleeping = false;
    bool probing = false;
    return QTest::qWaitFor(
        [&] {
            if (sleeping)
                return true;
            if (probing)
                return false;
            probing = true; // one probe at a time: the next goes when this one has answered
            observer.call<bool>(
                &context,
                [pid](Connection &c) {
                    return c.fetchAll(QStringLiteral("SELECT count(*) FROM pg_stat_activity "
                                                     "WHERE pid = %1 AND wait_event = 'PgSleep'")
                                          .arg(pid))
                               .text(0, 0)
                           != QLatin1String("0");
                },
                [&](bool yes) {
                    sleeping = yes;
                    probing = false;
                },
                [&](const DbError &) { probing = false; });
            return false;
        },
        timeoutMs);
}

} // namespace PgActivity
