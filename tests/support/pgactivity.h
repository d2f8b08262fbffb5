#pragma once

#include <QString>

// Waiting on what the server says a backend is doing, instead of sleeping a fixed time.
namespace PgActivity {

// Polls pg_stat_activity from a session of its own (through a ConnectionWorker, so it is allowed
// on a thread ThreadGuard forbids) until backend `pid` sleeps in pg_sleep: the statement has
// reached the server, and a cancel or a terminate now interrupts it. False on timeout.
bool waitUntilSleeping(const QString &conninfo, const QString &pid, int timeoutMs = 10000);

} // namespace PgActivity
