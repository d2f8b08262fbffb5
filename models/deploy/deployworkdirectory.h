#pragma once

#include <QCoreApplication>
#include <QString>

// The folder a deploy keeps its dump and its rehearsal server in: how big it is, what to tell
// the user about it, and removing it once the deploy no longer needs it (the server must be
// stopped first: DeployChecks stops its own when destroyed). Thread-safe; touches only files.
class DeployWorkDirectory
{
    Q_DECLARE_TR_FUNCTIONS(DeployWorkDirectory)

public:
    static qint64 sizeInBytes(const QString &path);
    // "/home/ann/.local/share/slipway/deploys/x-work (1.2 GB: the dump and the rehearsal server)"
    static QString describe(const QString &path);
    // False with *error naming the path when something could not be removed.
    static bool remove(const QString &path, QString *error);
};
