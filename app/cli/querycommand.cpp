#include "querycommand.h"

#include "db/connection.h"
#include "db/pgconnection.h"
#include "db/sqliteconnection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
// Collects the whole result; the CLI prints after the statement finished so that an error
// never leaves half a table on stdout.
class CollectSink final : public RowSink
{
public:
    void columns(const QList<ColumnInfo> &columns) override { m_columns = columns; }
    void rows(const RowBatch &batch) override { m_batches.append(batch); }

    QList<ColumnInfo> m_columns;
    QList<RowBatch> m_batches;
};

// One line per row and one tab between cells, whatever the values hold: the same escapes as
// PostgreSQL's COPY text format. The backslash goes first so the others are not doubled.
QString tsvEscape(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('\t'), QStringLiteral("\\t"));
    text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    text.replace(QLatin1Char('\r'), QStringLiteral("\\r"));
    return text;
}
} // namespace

QString QueryCommand::summary() const
{
    return QCoreApplication::translate("QueryCommand", "run SQL and print the result (--db CONNINFO | --sqlite FILE) [--json] SQL");
}

int QueryCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "QueryCommand",
        "Runs SQL and prints its rows. Without --json the output is tab-separated: a header line "
        "of column names, then one line per row. In names and values a backslash prints as \\\\, "
        "a tab as \\t, a newline as \\n and a carriage return as \\r; NULL prints as an empty "
        "cell (use --json to tell NULL from an empty string). The command tag goes to stderr."));
    parser.addOption({QStringLiteral("db"), QCoreApplication::translate("QueryCommand", "PostgreSQL conninfo or URI"), QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("sqlite"), QCoreApplication::translate("QueryCommand", "SQLite database file"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("json"), QCoreApplication::translate("QueryCommand", "print JSON")});
    parser.addPositionalArgument(QStringLiteral("sql"), QCoreApplication::translate("QueryCommand", "statement(s) to run"));
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QCoreApplication::translate("QueryCommand", "expected exactly one SQL argument"));
    if (parser.isSet(QStringLiteral("db")) == parser.isSet(QStringLiteral("sqlite")))
        return usageError(QCoreApplication::translate("QueryCommand", "give either --db CONNINFO or --sqlite FILE"));

    std::unique_ptr<Connection> connection;
    if (parser.isSet(QStringLiteral("db")))
        connection = std::make_unique<PgConnection>(parser.value(QStringLiteral("db")));
    else
        connection = std::make_unique<SqliteConnection>(parser.value(QStringLiteral("sqlite")));
    connection->setNoticeHandler([this](const Notice &notice) { m_err << notice.toDisplayString() << Qt::endl; });

    try {
        connection->open();
    } catch (const DbException &e) {
        m_err << QCoreApplication::translate("QueryCommand", "slipway-cli query: could not connect: %1")
                     .arg(e.error().toDisplayString())
              << Qt::endl;
        return UsageError;
    }

    CollectSink sink;
    QueryOutcome outcome;
    const QString sql = positional.first();
    try {
        outcome = connection->run(sql, &sink);
    } catch (const DbException &e) {
        const DbError &error = e.error();
        QString where;
        if (error.position >= 0) {
            const QString before = sql.left(error.position);
            const int line = int(before.count(QLatin1Char('\n'))) + 1;
            const int column = int(error.position - before.lastIndexOf(QLatin1Char('\n')));
            where = QCoreApplication::translate("QueryCommand", " (line %1, column %2)").arg(line).arg(column);
        }
        m_err << "slipway-cli query" << where << ": " << error.toDisplayString() << Qt::endl;
        return Failure;
    }

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray columns;
        for (const ColumnInfo &column : std::as_const(sink.m_columns))
            columns.append(QJsonObject{{QStringLiteral("name"), column.name}, {QStringLiteral("type"), column.typeName}});
        QJsonArray rows;
        for (const RowBatch &batch : std::as_const(sink.m_batches)) {
            for (int r = 0; r < batch.rowCount(); ++r) {
                QJsonArray row;
                for (int c = 0; c < batch.columnCount(); ++c)
                    row.append(batch.isNull(r, c) ? QJsonValue() : QJsonValue(batch.text(r, c)));
                rows.append(row);
            }
        }
        const QJsonObject result{{QStringLiteral("command"), outcome.commandTag},
                                 {QStringLiteral("columns"), columns},
                                 {QStringLiteral("rows"), rows}};
        m_out << QJsonDocument(result).toJson(QJsonDocument::Indented);
    } else {
        if (!sink.m_columns.isEmpty()) {
            QStringList header;
            for (const ColumnInfo &column : std::as_const(sink.m_columns))
                header << tsvEscape(column.name);
            m_out << header.join(QLatin1Char('\t')) << '\n';
            for (const RowBatch &batch : std::as_const(sink.m_batches)) {
                for (int r = 0; r < batch.rowCount(); ++r) {
                    QStringList cells;
                    for (int c = 0; c < batch.columnCount(); ++c)
                        cells << (batch.isNull(r, c) ? QString() : tsvEscape(batch.text(r, c)));
                    m_out << cells.join(QLatin1Char('\t')) << '\n';
                }
            }
        }
        m_err << outcome.commandTag << Qt::endl;
    }
    m_out.flush();
    return Ok;
}
