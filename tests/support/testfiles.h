#pragma once

#include <QByteArray>
#include <QString>

// Files for tests that build migration folders and scripts on the fly.
namespace TestFiles {
// Writes (replacing) the file, creating its folders; a failure fails the calling test.
void write(const QString &path, const QByteArray &text = "SELECT 1;\n");
} // namespace TestFiles
