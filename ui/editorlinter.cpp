#include "editorlinter.h"

#include "sqleditor.h"

#include "db/connectionworker.h"
#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "lint/lintmodel.h"
#include "lint/liveschema.h"
#include "lint/projectconfig.h"
#include "sql/parsedscript.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QThreadPool>

namespace {

// Names the completion offers: tables (plain and schema-qualified) and columns (plain and
// table-qualified).
void completionNames(const KnownSchema &schema,
                     QStringList *tables,
                     QStringList *columns,
                     QStringList *qualified)
{
    for (const KnownTable *table : schema.tables()) {
        tables->append(table->name);
        if (!table->schema.isEmpty())
            qualified->append(table->schema + QLatin1Char('.') + table->name);
        for (const KnownColumn &column : table->columns) {
            columns->append(column.name);
            qualified->append(table->name + QLatin1Char('.') + column.name);
        }
    }
    columns->removeDuplicates();
}

} // namespace

EditorLinter::EditorLinter(SqlEditor *editor, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
    , m_model(new LintModel(this))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &EditorLinter::start);
    connect(editor, &QsciScintilla::textChanged, this, &EditorLinter::textChanged);
}

void EditorLinter::setFileName(const QString &fileName)
{
    m_fileName = fileName;
    textChanged();
}

void EditorLinter::setMigrationScript(bool migration)
{
    m_migration = migration;
    textChanged();
}

void EditorLinter::setConnection(ConnectionWorker *worker)
{
    if (worker == m_worker)
        return;
    m_worker = worker;
    m_schema = KnownSchema();
    m_schemaLoaded = false;
    m_schemaRequested = false;
    textChanged();
}

void EditorLinter::textChanged()
{
    ++m_generation;
    m_debounce.start();
}

void EditorLinter::lintNow()
{
    m_debounce.stop();
    start();
}

LintOptions EditorLinter::options() const
{
    LintOptions options;
    if (m_schemaLoaded && m_schema.serverVersion > 0)
        options.pgVersion = qBound(LintOptions::MinPgVersion,
                                   m_schema.serverVersion,
                                   LintOptions::MaxPgVersion);
    if (!m_fileName.isEmpty()) {
        // A broken slipway.json is reported by `slipway-cli lint`; here it just does not apply.
        ProjectConfig config;
        QString error;
        if (ProjectConfig::load(QFileInfo(m_fileName).absolutePath(), &config, &error))
            config.applyTo(&options);
    }
    return options;
}

void EditorLinter::requestSchema()
{
    if (m_schemaRequested || !m_worker || !m_worker->isOpen()
        || m_worker->engine() != Connection::Engine::PostgreSQL)
        return;
    m_schemaRequested = true;
    QPointer<ConnectionWorker> requested = m_worker;
    m_worker->call<KnownSchema>(
        this,
        [](Connection &connection) { return LiveSchema::load(connection); },
        [this, requested](KnownSchema schema) {
            if (requested != m_worker)
                return; // the connection changed meanwhile
            m_schema = std::move(schema);
            m_schemaLoaded = true;
            QStringList tables, columns, qualified;
            completionNames(m_schema, &tables, &columns, &qualified);
            m_editor->setSchemaNames(tables, columns, qualified);
            emit schemaLoaded();
            lintNow();
        },
        [this](const DbError &) { m_schemaRequested = false; });
}

void EditorLinter::start()
{
    requestSchema();
    if (m_running) {
        m_rerun = true; // one run at a time; the latest text goes next
        return;
    }
    m_running = true;
    const quint64 generation = m_generation;
    const QString text = m_editor->text();
    const QString fileName = m_fileName;
    const LintOptions options = this->options();
    const KnownSchema schema = m_schema;
    const bool migration = m_migration;
    QPointer<EditorLinter> self(this);
    QThreadPool::globalInstance()->start(
        [self, generation, text, fileName, options, schema, migration] {
            Linter linter(options, schema);
            const ParsedScript parsed = ParsedScript::parse(text);
            const std::optional<bool> inTransaction = migration ? std::optional<bool>(
                                                          FolderLinter::runsInTransaction(text,
                                                                                          parsed))
                                                                : std::nullopt;
            const QList<Finding> findings = linter.lintScript(fileName, parsed, inTransaction);
            // Back on the GUI thread through the application object, which outlives every editor.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, generation, findings] {
                    if (self)
                        self->finished(generation, findings);
                },
                Qt::QueuedConnection);
        });
}

void EditorLinter::finished(quint64 generation, const QList<Finding> &findings)
{
    m_running = false;
    if (generation == m_generation) {
        m_model->setFindings(findings);
        m_editor->showFindings(findings);
        emit findingsChanged(findings);
    }
    if (m_rerun || generation != m_generation) {
        m_rerun = false;
        if (!m_debounce.isActive())
            start();
    }
}
