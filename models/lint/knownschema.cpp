#include "knownschema.h"

const KnownColumn *KnownTable::column(const QString &name) const
{
    for (const KnownColumn &candidate : columns) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

KnownColumn *KnownTable::column(const QString &name)
{
    for (KnownColumn &candidate : columns) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

bool KnownTable::isIndexed(const QString &column) const
{
    for (const QStringList &index : indexColumns) {
        if (index.contains(column))
            return true;
    }
    return false;
}

bool KnownTable::isInCheck(const QString &column) const
{
    for (const QStringList &check : checkColumns) {
        if (check.contains(column))
            return true;
    }
    return false;
}

const KnownTable *KnownSchema::table(const QString &name) const
{
    const auto it = m_tables.constFind(name);
    return it == m_tables.cend() ? nullptr : &it.value();
}

KnownTable *KnownSchema::table(const QString &name)
{
    const auto it = m_tables.find(name);
    return it == m_tables.end() ? nullptr : &it.value();
}

KnownTable &KnownSchema::addTable(const QString &schema, const QString &name)
{
    KnownTable &table = m_tables[name];
    table = KnownTable();
    table.schema = schema;
    table.name = name;
    return table;
}

void KnownSchema::removeTable(const QString &name)
{
    m_tables.remove(name);
    // Its indexes went with it.
    m_indexTables.removeIf([&name](const auto &entry) { return entry.value() == name; });
}

void KnownSchema::renameTable(const QString &from, const QString &to)
{
    for (auto it = m_indexTables.begin(); it != m_indexTables.end(); ++it) {
        if (it.value() == from)
            it.value() = to;
    }
    if (!m_tables.contains(from))
        return;
    KnownTable table = m_tables.take(from);
    table.name = to;
    m_tables.insert(to, table);
}

void KnownSchema::addIndex(const QString &index, const QString &table)
{
    if (!index.isEmpty() && !table.isEmpty())
        m_indexTables.insert(index, table);
}

void KnownSchema::renameIndex(const QString &from, const QString &to)
{
    if (m_indexTables.contains(from))
        m_indexTables.insert(to, m_indexTables.take(from));
}

QList<const KnownTable *> KnownSchema::tables() const
{
    QList<const KnownTable *> result;
    for (const KnownTable &table : m_tables)
        result.append(&table);
    return result;
}
