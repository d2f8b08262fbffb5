#pragma once

#include "connectionprofile.h"

#include <QList>
#include <QString>

class QSettings;

// Reads and writes connection profiles in QSettings (group "profiles"). Passwords are stripped
// from every conninfo before it is written, so nothing secret reaches the settings file.
class ProfileStore
{
public:
    explicit ProfileStore(QSettings &settings);

    QList<ConnectionProfile> profiles() const;
    // Inserts or replaces (by name). Returns false with *error when the profile is invalid.
    bool save(const ConnectionProfile &profile, QString *error = nullptr);
    void remove(const QString &name);
    ConnectionProfile profile(const QString &name) const; // invalid profile when absent

private:
    QSettings &m_settings;
};
