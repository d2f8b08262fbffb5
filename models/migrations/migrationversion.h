#pragma once

#include <QString>
#include <QStringList>

// A migration version as written in a file name (1, 1.10, 2_1, 0007, 20250101090000), compared
// numerically part by part: 1.10 > 1.9, 0007 == 7, and a version that is a prefix of another
// comes first (1 < 1.1). Parts are compared as digit strings, so timestamps of any length work.
class MigrationVersion
{
public:
    MigrationVersion() = default;
    // Parts separated by '.' or '_'; false when the text is not all digits and separators.
    static bool parse(const QString &text, MigrationVersion *version);

    bool isNull() const { return m_parts.isEmpty(); }
    QString text() const { return m_text; } // as written
    QString normalized() const;             // "1.10", "7": leading zeros dropped

    int compare(const MigrationVersion &other) const;
    bool operator<(const MigrationVersion &other) const { return compare(other) < 0; }
    bool operator==(const MigrationVersion &other) const { return compare(other) == 0; }

private:
    QString m_text;
    QStringList m_parts; // digits only, leading zeros removed ("0" stays "0")
};
