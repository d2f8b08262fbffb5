#include "namefilter.h"

NameFilter::NameFilter(const QString &text)
    : m_text(text.trimmed())
    , m_glob(m_text.contains(u'*') || m_text.contains(u'?'))
{
    if (m_glob) {
        // Only * and ? are special, exactly as in likePattern(); brackets stay literal.
        QString regex = QRegularExpression::escape(m_text);
        regex.replace(QStringLiteral("\\*"), QStringLiteral(".*"));
        regex.replace(QStringLiteral("\\?"), QStringLiteral("."));
        m_regex = QRegularExpression(QRegularExpression::anchoredPattern(regex),
                                     QRegularExpression::CaseInsensitiveOption
                                         | QRegularExpression::DotMatchesEverythingOption);
    }
}

bool NameFilter::matches(const QString &name) const
{
    if (m_text.isEmpty())
        return true;
    if (m_glob)
        return m_regex.match(name).hasMatch();
    return name.contains(m_text, Qt::CaseInsensitive);
}

QString NameFilter::likePattern() const
{
    QString pattern;
    pattern.reserve(m_text.size() + 2);
    if (!m_glob)
        pattern += u'%';
    for (QChar ch : m_text) {
        if (ch == u'%' || ch == u'_' || ch == u'\\') {
            pattern += u'\\';
            pattern += ch;
        } else if (m_glob && ch == u'*') {
            pattern += u'%';
        } else if (m_glob && ch == u'?') {
            pattern += u'_';
        } else {
            pattern += ch;
        }
    }
    if (!m_glob)
        pattern += u'%';
    return pattern;
}
