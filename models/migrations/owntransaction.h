#pragma once

#include "db/connection.h"

#include <QString>

// A transaction the migration runner began on its session. Unless committed, it is rolled back
// when it goes out of scope, so no error leaves the session in an open or aborted transaction.
class OwnTransaction
{
public:
    explicit OwnTransaction(Connection &connection, const QString &begin = QStringLiteral("BEGIN"))
        : m_connection(connection)
    {
        m_connection.execute(begin);
        m_open = true;
    }
    ~OwnTransaction() { rollback(); }
    OwnTransaction(const OwnTransaction &) = delete;
    OwnTransaction &operator=(const OwnTransaction &) = delete;

    void commit()
    {
        m_connection.commit();
        m_open = false;
    }

    void rollback() noexcept
    {
        if (!m_open)
            return;
        m_open = false;
        try {
            // A failed COMMIT has already ended the transaction: nothing is left to roll back.
            if (m_connection.isOpen()
                && m_connection.transactionState() != Connection::TransactionState::Idle)
                m_connection.rollback();
        } catch (const DbException &) {
            // The connection is gone; the server rolled the transaction back itself.
        }
    }

private:
    Connection &m_connection;
    bool m_open = false;
};
