#pragma once

#include <QString>

// How the executables turn on and keep their logs: SLIPWAY_LOG holds extra filter rules
// (QLoggingCategory syntax, e.g. "slipway.db.debug=true"; "1" or "all" turns every slipway
// category on at every level), applied after QT_LOGGING_RULES. The window also appends every
// message to a log file in the user's data directory. Whatever reaches the file or stderr
// through the handler has passwords masked first: conninfo `password=…`, URI `user:secret@`,
// and `PASSWORD '…'` in SQL.
namespace LogSetup {

void applyRules();
// Routes messages through the masking handler (stderr as before); logToFile() does this too.
void installHandler();
// Sends every message to `path` too (created private to the user, rotated once past 5 MB).
// False with *error set when the file cannot be opened; messages then go to stderr only.
bool logToFile(const QString &path, QString *error);
// The window's log: <data directory>/slipway.log.
QString defaultLogFile();
// `text` with passwords replaced by "****".
QString redact(const QString &text);

} // namespace LogSetup
