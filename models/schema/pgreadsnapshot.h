#pragma once

#include <QString>

class Connection;

// Groups the catalog queries of one request (PostgreSQL): outside a transaction it opens a
// REPEATABLE READ, READ ONLY one so every part of the answer comes from the same moment and ends
// it afterwards; inside the user's transaction it reads there (and sees uncommitted DDL) and
// leaves it open. In both cases search_path is pg_catalog for the duration, so format_type(),
// pg_get_*def() and friends schema-qualify every name and the DDL does not depend on the
// session's path; JIT is off too, as compiling these one-off catalog scans costs far more than
// running them (a second on a 10,000-table catalog). A failed transaction is refused with a
// clear error, never rolled back: it belongs to the user. Used on the connection's thread; throws DbException.
class PgReadSnapshot
{
public:
    explicit PgReadSnapshot(Connection &connection);
    ~PgReadSnapshot();

    PgReadSnapshot(const PgReadSnapshot &) = delete;
    PgReadSnapshot &operator=(const PgReadSnapshot &) = delete;

private:
    Connection &m_connection;
    bool m_own = false;
    QString m_searchPath; // the user's settings, restored on leaving their transaction
    QString m_jit;
};
