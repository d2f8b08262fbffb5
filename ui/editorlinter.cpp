#include "editorlinter.h"

#include "sqleditor.h"

#include "db/connectionworker.h"
#include "logcategories.h"
#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "lint/lintmodel.h"
#include "lint/linttarget.h"
#include "lint/liveschema.h"
#include "lint/projectconfig.h"
#include "migrationview/migrationlintcontext.h"
#include "sql/parsedscript.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QThread>
#include <QThreadPool>

namespace {

// Names the completion offers: schemas, tables (plain and schema-qualified) and columns (plain
// and table-qualified).
void completionNames(const KnownSchema &schema,
                     QStringList *schemas,
                     QStringList *tables,
                     QStringList *columns,
                     QStringList *qualified)
{
    for (const KnownTable *table : schema.tables()) {
        tables->append(table->name);
        if (!table->schema.isEmpty()) {
            schemas->append(table->schema);
            qualified->append(table->schema + QLatin1Char('.') + table->name);
        }
        for (const KnownColumn &column : table->columns) {
            columns->append(column.name);
            qualified->append(table->name + QLatin1Char('.') + column.name);
        }
    }
    schemas->removeDuplicates();
    columns->removeDuplicates();
}

// What one schema read brings back from the connection's thread.
struct LiveState
{
    KnownSchema schema;
    std::optional<QList<HistoryRow>> history;
};

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

void EditorLinter::setMigrationFolder(const QString &directory)
{
    if (directory == m_folder)
        return;
    m_folder = directory;
    m_context.reset();
    // The history of the folder's migrations comes with the schema; read both again.
    if (m_schemaLoaded || m_schemaRequested)
        forgetSchema();
    textChanged();
}

void EditorLinter::setConnection(ConnectionWorker *worker)
{
    if (worker && worker == m_worker) {
        if (!m_schemaLoaded && (!m_schemaRequested || m_schemaFailed)) {
            forgetSchema();
            textChanged(); // reconnected: try the schema again
        }
        return;
    }
    // m_worker is already null when the window deleted the worker it replaces, but the schema
    // read through it must still go.
    if (!worker && !m_worker && !m_schemaLoaded && !m_schemaRequested)
        return;
    m_worker = worker;
    forgetSchema();
    textChanged();
}

ConnectionWorker *EditorLinter::connection() const
{
    return m_worker;
}

void EditorLinter::reloadSchema()
{
    if (!m_worker)
        return;
    forgetSchema();
    textChanged();
}

void EditorLinter::forgetSchema()
{
    if (m_schemaLoaded)
        m_editor->setSchemaNames({}, {}, {}, {}); // the names of a database no longer connected
    m_schema = KnownSchema();
    m_history.reset();
    m_schemaLoaded = false;
    m_schemaRequested = false;
    m_schemaFailed = false;
    ++m_schemaGeneration;
}

QStringList EditorLinter::lastReplayed() const
{
    return m_context ? m_context->replayed() : QStringList();
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
    return options;
}

void EditorLinter::requestSchema()
{
    if (m_schemaRequested || m_schemaFailed || !m_worker
        || !(m_worker->isOpen() || m_worker->isOpening())
        || m_worker->engine() != Connection::Engine::PostgreSQL)
        return;
    m_schemaRequested = true;
    const quint64 generation = m_schemaGeneration;
    const bool withHistory = !m_folder.isEmpty();
    m_worker->call<LiveState>(
        this,
        [withHistory](Connection &connection) {
            LiveState state;
            state.schema = LiveSchema::load(connection);
            if (withHistory) {
                // Without the history every earlier migration is replayed, which is only less
                // precise; a history the user may not read is no reason to lose the schema.
                try {
                    state.history = SchemaHistory(connection).read();
                } catch (const DbException &e) {
                    qCInfo(lcLint) << "history not read for the editor:" << e.error().message;
                }
            }
            return state;
        },
        [this, generation](LiveState state) {
            if (generation != m_schemaGeneration)
                return; // the connection or the folder changed meanwhile
            m_schema = std::move(state.schema);
            m_history = std::move(state.history);
            m_schemaLoaded = true;
            ++m_schemaGeneration;
            QStringList schemas, tables, columns, qualified;
            completionNames(m_schema, &schemas, &tables, &columns, &qualified);
            m_editor->setSchemaNames(schemas, tables, columns, qualified);
            emit schemaLoaded();
            lintNow();
        },
        [this, generation](const DbError &error) {
            // Not retried on every pause in typing: a read that failed once (no privilege on
            // the catalog, a statement timeout) fails the same way again. A new connection or
            // a reconnect (setConnection) tries again.
            if (generation == m_schemaGeneration)
                m_schemaFailed = true;
            qCWarning(lcLint) << "live schema not read:" << error.sqlState << error.message;
        });
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
    const bool migration = m_migration;
    MigrationLintContext::Input input;
    input.folder = m_folder;
    input.fileName = m_fileName;
    input.options = options();
    input.schema = m_schema;
    input.history = m_history;
    input.schemaGeneration = m_schemaGeneration;
    const std::shared_ptr<const MigrationLintContext> previous = m_context;
    QPointer<EditorLinter> self(this);
    QThreadPool::globalInstance()->start(
        [self, generation, text, migration, input, previous]() mutable {
            RunResult result;
            result.thread = QThread::currentThread();
            // What the file is to the migration engine, as `slipway-cli lint FILE` and `lint
            // FOLDER` see it: a script of the editor's folder, or of the folder around a file
            // opened on its own, else a plain script. Reading the folder happens here, off the
            // GUI thread.
            const LintTarget target = LintTarget::locate(input.fileName, input.folder);
            if (target.isMigration())
                input.folder = target.folder();
            // slipway.json of the folder (the seeds layout keeps scripts below its root) or of
            // the file's directory. A broken one is reported by `slipway-cli lint`; here it just
            // does not apply.
            const QString configDirectory = !input.folder.isEmpty() ? input.folder
                                                                    : target.configDirectory();
            if (!configDirectory.isEmpty()) {
                ProjectConfig config;
                QString error;
                if (ProjectConfig::load(configDirectory, &config, &error))
                    config.applyTo(&input.options);
            }
            result.context = MigrationLintContext::prepare(input, previous);
            Linter linter = result.context ? result.context->linter()
                                           : Linter(input.options, input.schema);
            if (target.isMigration()) {
                // The migration editor's label says when a rollback is missing.
                result.findings = FolderLinter::lintFile(target, text, linter, false);
            } else {
                // A new migration not in a folder yet runs as the engine would run it.
                const ParsedScript parsed = ParsedScript::parse(text);
                const std::optional<bool> inTransaction
                    = migration
                          ? std::optional<bool>(LintTarget::engineRunsInTransaction(input.fileName,
                                                                                    text,
                                                                                    input.folder,
                                                                                    parsed))
                          : std::nullopt;
                result.findings = linter.lintScript(input.fileName, parsed, inTransaction);
            }
            // Back on the GUI thread through the application object, which outlives every editor.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, generation, result] {
                    if (self)
                        self->finished(generation, result);
                },
                Qt::QueuedConnection);
        });
}

void EditorLinter::finished(quint64 generation, const RunResult &result)
{
    m_running = false;
    m_lastRunThread = result.thread;
    // Right for the folder as it was read whatever the text has become; prepare() checks the
    // folder, file and schema before reusing it.
    m_context = result.context;
    if (generation == m_generation) {
        m_model->setFindings(result.findings);
        m_editor->showFindings(result.findings);
        emit findingsChanged(result.findings);
    }
    if (m_rerun || generation != m_generation) {
        m_rerun = false;
        if (!m_debounce.isActive())
            start();
    }
}
