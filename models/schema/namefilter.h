#pragma once

#include <QRegularExpression>
#include <QString>

// The schema browser's filter text: a case-insensitive substring ("order" finds "order_items"),
// or, when it holds * or ?, a glob over the whole name ("order*", "*_2024"). The same filter runs
// in catalog queries (as an ILIKE pattern) and in memory (SQLite, tests). Value type, any thread.
class NameFilter
{
public:
    NameFilter() = default;
    explicit NameFilter(const QString &text);

    bool isEmpty() const { return m_text.isEmpty(); }
    bool isGlob() const { return m_glob; }
    QString text() const { return m_text; }

    bool matches(const QString &name) const;
    // A LIKE pattern with backslash as the escape character: %, _ and \ of the text escaped,
    // * and ? of a glob turned into % and _.
    QString likePattern() const;

private:
    QString m_text;
    bool m_glob = false;
    QRegularExpression m_regex;
};
