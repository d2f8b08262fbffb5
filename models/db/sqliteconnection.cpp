#include "sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

#include <sqlite3.h>

#include <limits>

namespace {
DbError toDbError(const QSqlError &sqlError)
{
    DbError error = DbError::clientError(sqlError.databaseText().isEmpty() ? sqlError.text()
                                                                           : sqlError.databaseText());
    error.sqlState = sqlError.nativeErrorCode(); // SQLite's result code, e.g. "1"
    error.cancelled = error.sqlState == QLatin1String("9"); // SQLITE_INTERRUPT
    return error;
}

bool isNumericType(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}
} // namespace

SqliteConnection::SqliteConnection(QString path, OpenMode mode)
    : m_path(std::move(path))
    , m_mode(mode)
    , m_connectionName(QStringLiteral("slipway-sqlite-%1")
                           .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
{}

SqliteConnection::~SqliteConnection()
{
    close();
}

void SqliteConnection::open()
{
    close();
    // ":memory:" is SQLite's in-memory database, not a file.
    if (m_mode == OpenMode::ExistingFile && m_path != QLatin1String(":memory:")
        && !QFileInfo::exists(m_path)) {
        throw DbException(DbError::clientError(
            m_path.isEmpty()
                ? QCoreApplication::translate("SqliteConnection", "No SQLite database file given.")
                : QCoreApplication::translate("SqliteConnection",
                                              "The SQLite database file %1 does not exist.")
                      .arg(QDir::toNativeSeparators(m_path))));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            const DbError error = toDbError(db.lastError());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            throw DbException(error);
        }
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_handle.store(*static_cast<sqlite3 *const *>(handle.data()));
    }
    m_info.product = QStringLiteral("SQLite");
    m_info.version = QString::fromLatin1(sqlite3_libversion());
    m_info.versionNumber = sqlite3_libversion_number();
    m_info.database = QFileInfo(m_path).fileName();
    m_info.endpoint = m_path;
}

void SqliteConnection::close()
{
    m_handle.store(nullptr);
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SqliteConnection::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
           && QSqlDatabase::database(m_connectionName, false).isOpen();
}

void SqliteConnection::cancel()
{
    m_cancelRequested.store(true);
    if (void *handle = m_handle.load())
        sqlite3_interrupt(static_cast<sqlite3 *>(handle));
}

Connection::TransactionState SqliteConnection::transactionState() const
{
    void *handle = m_handle.load();
    if (!handle)
        return TransactionState::Unknown;
    // sqlite3_get_autocommit() is non-zero outside an explicit transaction.
    return sqlite3_get_autocommit(static_cast<sqlite3 *>(handle)) ? TransactionState::Idle
                                                                  : TransactionState::InTransaction;
}

QSqlQuery SqliteConnection::newQuery()
{
    if (!isOpen()) {
        throw DbException(DbError::clientError(
            QCoreApplication::translate("SqliteConnection", "The database is not open.")));
    }
    m_cancelRequested.store(false);
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    return query;
}

QueryOutcome SqliteConnection::run(const QString &sql, RowSink *sink, int batchSize)
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query = newQuery();
    if (!query.exec(sql))
        throw DbException(toDbError(query.lastError()));
    QueryOutcome outcome = finish(query, sql, sink, batchSize);
    outcome.elapsedMs = timer.elapsed();
    return outcome;
}

namespace {
// SQLite would take "$1" as a *named* parameter numbered by first appearance, and Qt rewrites
// "?NNN" on the way; so each $n becomes a plain "?" and its value is bound at that position.
// Quoted text is left alone.
QString positionalPlaceholders(const QString &sql, const QVariantList &params, QVariantList *bound)
{
    QString out;
    out.reserve(sql.size());
    QChar quote;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('$') && i + 1 < sql.size() && sql.at(i + 1).isDigit()) {
            qsizetype end = i + 1;
            while (end < sql.size() && sql.at(end).isDigit())
                ++end;
            const int number = sql.mid(i + 1, end - i - 1).toInt();
            if (number < 1 || number > params.size()) {
                throw DbException(DbError::clientError(
                    QCoreApplication::translate("SqliteConnection", "No value for parameter $%1.")
                        .arg(number)));
            }
            bound->append(params.at(number - 1));
            out += QLatin1Char('?');
            i = end - 1;
            continue;
        }
        out += c;
    }
    return out;
}
} // namespace

QueryOutcome SqliteConnection::run(const QString &sql, const QVariantList &params, RowSink *sink)
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query = newQuery();
    QVariantList bound;
    if (!query.prepare(positionalPlaceholders(sql, params, &bound)))
        throw DbException(toDbError(query.lastError()));
    for (const QVariant &value : std::as_const(bound))
        query.addBindValue(value);
    if (!query.exec())
        throw DbException(toDbError(query.lastError()));
    QueryOutcome outcome = finish(query, sql, sink, std::numeric_limits<int>::max());
    outcome.elapsedMs = timer.elapsed();
    return outcome;
}

QueryOutcome SqliteConnection::finish(QSqlQuery &query,
                                      const QString &sql,
                                      RowSink *sink,
                                      int batchSize)
{
    QueryOutcome outcome;
    if (query.isSelect()) {
        outcome.returnedRows = true;
        const QSqlRecord record = query.record();
        const int columnCount = record.count();
        if (sink) {
            QList<ColumnInfo> columns;
            for (int i = 0; i < columnCount; ++i) {
                ColumnInfo column;
                column.name = record.fieldName(i);
                column.numeric = isNumericType(record.field(i).metaType());
                columns.append(column);
            }
            sink->columns(columns);
        }
        RowBatch batch(columnCount);
        while (query.next()) {
            if (m_cancelRequested.load()) {
                DbError error = DbError::clientError(QCoreApplication::translate("SqliteConnection", "interrupted"));
                error.cancelled = true;
                throw DbException(error);
            }
            ++outcome.rowsReturned;
            if (!sink)
                continue;
            for (int i = 0; i < columnCount; ++i) {
                const QVariant value = query.value(i);
                if (value.isNull())
                    batch.appendNull();
                else
                    batch.appendCell(value.toString().toUtf8());
            }
            if (batch.rowCount() >= batchSize) {
                sink->rows(batch);
                batch = RowBatch(columnCount);
            }
        }
        if (query.lastError().isValid())
            throw DbException(toDbError(query.lastError()));
        if (sink && !batch.isEmpty())
            sink->rows(batch);
        outcome.commandTag = QStringLiteral("SELECT %1").arg(outcome.rowsReturned);
    } else {
        outcome.rowsAffected = query.numRowsAffected();
        outcome.commandTag = sql.trimmed().section(QLatin1Char(' '), 0, 0).toUpper();
    }
    return outcome;
}
