#include "migrationversion.h"

#include <QRegularExpression>

bool MigrationVersion::parse(const QString &text, MigrationVersion *version)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d+([._]\\d+)*$"));
    if (!pattern.match(text).hasMatch())
        return false;
    MigrationVersion parsed;
    parsed.m_text = text;
    static const QRegularExpression separator(QStringLiteral("[._]"));
    for (QString part : text.split(separator)) {
        while (part.size() > 1 && part.startsWith(QLatin1Char('0')))
            part.remove(0, 1);
        parsed.m_parts.append(part);
    }
    *version = parsed;
    return true;
}

QString MigrationVersion::normalized() const
{
    return m_parts.join(QLatin1Char('.'));
}

int MigrationVersion::compare(const MigrationVersion &other) const
{
    const qsizetype common = qMin(m_parts.size(), other.m_parts.size());
    for (qsizetype i = 0; i < common; ++i) {
        const QString &a = m_parts.at(i);
        const QString &b = other.m_parts.at(i);
        if (a.size() != b.size())
            return a.size() < b.size() ? -1 : 1;
        const int byText = a.compare(b);
        if (byText != 0)
            return byText < 0 ? -1 : 1;
    }
    if (m_parts.size() == other.m_parts.size())
        return 0;
    return m_parts.size() < other.m_parts.size() ? -1 : 1;
}
