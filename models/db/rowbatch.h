#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>

// One result column as the server described it.
struct ColumnInfo
{
    QString name;
    quint32 typeOid = 0;  // PostgreSQL type OID; 0 for SQLite
    QString typeName;     // "int4", "text", ... (SQLite: declared type or empty)
    bool numeric = false; // right-align in grids
};

// A block of result rows in text form, stored compactly: all cell bytes (UTF-8) in one buffer
// plus one end offset per cell, so a million-row result costs bytes, not QVariants.
// Implicitly shared (QByteArray/QList), so passing it through queued signals copies nothing.
class RowBatch
{
public:
    RowBatch() = default;
    explicit RowBatch(int columnCount);

    int columnCount() const { return m_columnCount; }
    int rowCount() const { return m_columnCount ? int(m_ends.size() / m_columnCount) : 0; }
    bool isEmpty() const { return m_ends.isEmpty(); }

    void reserve(int rows, qsizetype bytes);
    // Cells are appended row by row, left to right.
    void appendCell(const char *data, qsizetype size);
    void appendCell(QByteArrayView bytes) { appendCell(bytes.data(), bytes.size()); }
    void appendNull();
    void append(const RowBatch &other);

    bool isNull(int row, int column) const;
    QByteArrayView bytes(int row, int column) const;
    QString text(int row, int column) const; // null → null QString
    qsizetype byteSize() const;              // memory held, for accounting

private:
    // The top bit of an end offset marks a NULL cell; cells of one batch stay below 2 GiB.
    static constexpr quint32 NullFlag = 0x80000000u;
    quint32 begin(qsizetype cell) const;

    int m_columnCount = 0;
    QByteArray m_data;
    QList<quint32> m_ends;
};

// What one statement did, once it finished.
struct QueryOutcome
{
    QString commandTag;      // "SELECT 10", "UPDATE 3", "CREATE TABLE"
    qint64 rowsAffected = -1;
    qint64 rowsReturned = 0;
    bool returnedRows = false;
    qint64 elapsedMs = 0;
};

struct ServerInfo
{
    QString product;         // "PostgreSQL", "SQLite"
    QString version;         // "15.18"
    int versionNumber = 0;   // 150018 (PostgreSQL), 3040001 (SQLite)
    QString database;
    QString user;
    QString endpoint;        // host:port or file, for the status bar
};

Q_DECLARE_METATYPE(ColumnInfo)
Q_DECLARE_METATYPE(RowBatch)
Q_DECLARE_METATYPE(QueryOutcome)
Q_DECLARE_METATYPE(ServerInfo)
