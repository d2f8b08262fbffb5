#pragma once

// Enforces the house rule "the GUI thread never waits on a database": the GUI calls
// forbidCurrentThread() at start-up (the widget tests do too), and PgConnection calls check()
// before every network round trip. A violation throws std::logic_error naming the call, which
// turns a frozen window into a test failure.
namespace ThreadGuard {
void forbidCurrentThread();
void allowAllThreads(); // for tests that deliberately call from the main thread
bool isForbidden();     // true when the calling thread is the forbidden one
void check(const char *what);
} // namespace ThreadGuard
