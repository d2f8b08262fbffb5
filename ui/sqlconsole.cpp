#include "sqlconsole.h"

#include "editorlinter.h"
#include "messagespane.h"
#include "problemsview.h"
#include "productionguard.h"
#include "resultview.h"
#include "sqleditor.h"

#include "db/connectionworker.h"
#include "db/conninfo.h"
#include "db/resulttablemodel.h"
#include "lint/lintmodel.h"
#include "semanticcolors.h"

#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int ResultsTab = 0;
constexpr int MessagesTab = 1;
} // namespace

SqlConsole::SqlConsole(QWidget *parent)
    : QWidget(parent)
{
    m_editor = new SqlEditor(this);
    m_editor->setObjectName(QStringLiteral("sqlEditor"));
    m_lint = new EditorLinter(m_editor, this);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->setSpacing(0);

    auto *bar = new QWidget(bottom);
    bar->setObjectName(QStringLiteral("consoleBar"));
    auto *barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(6, 4, 8, 4);
    barLayout->setSpacing(6);
    m_runButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"), bar);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(
        tr("Run the selection, or the statement under the cursor (F5, Ctrl+Return)"));
    m_cancelButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Cancel"), bar);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setToolTip(tr("Cancel the running statement (Esc)"));
    m_rowCountLabel = new QLabel(bar);
    m_rowCountLabel->setObjectName(QStringLiteral("rowCount"));
    m_elapsedLabel = new QLabel(bar);
    m_elapsedLabel->setObjectName(QStringLiteral("elapsed"));
    m_elapsedLabel->setMinimumWidth(
        m_elapsedLabel->fontMetrics().horizontalAdvance(QStringLiteral("00 min 00 s")));
    m_elapsedLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QPalette dim = m_elapsedLabel->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::PlaceholderText));
    m_elapsedLabel->setPalette(dim);
    // Which database Run goes to, repeated next to the button: production stands out here too.
    m_connectionLabel = new QLabel(bar);
    m_connectionLabel->setObjectName(QStringLiteral("consoleConnection"));
    m_connectionLabel->setTextFormat(Qt::PlainText);
    barLayout->addWidget(m_runButton);
    barLayout->addWidget(m_cancelButton);
    barLayout->addSpacing(8);
    barLayout->addWidget(m_connectionLabel);
    barLayout->addStretch(1);
    barLayout->addWidget(m_rowCountLabel);
    barLayout->addSpacing(12);
    barLayout->addWidget(m_elapsedLabel);

    m_outputTabs = new QTabWidget(bottom);
    m_outputTabs->setObjectName(QStringLiteral("outputTabs"));
    m_outputTabs->setDocumentMode(true);
    m_model = new ResultTableModel(this);
    m_resultView = new ResultView(m_outputTabs);
    m_resultView->setObjectName(QStringLiteral("resultView"));
    m_resultView->setModel(m_model);
    m_messages = new MessagesPane(m_outputTabs);
    m_messages->setObjectName(QStringLiteral("messagesPane"));
    m_outputTabs->insertTab(ResultsTab, m_resultView, tr("Results"));
    m_outputTabs->insertTab(MessagesTab, m_messages, tr("Messages"));
    m_problems = new ProblemsView(m_outputTabs);
    m_problems->setObjectName(QStringLiteral("problemsView"));
    m_problems->setLintModel(m_lint->model());
    const int problemsTab = m_outputTabs->addTab(m_problems, tr("Problems"));
    connect(m_lint, &EditorLinter::findingsChanged, this, [this, problemsTab](const QList<Finding> &findings) {
        m_outputTabs->setTabText(problemsTab, findings.isEmpty() ? tr("Problems")
                                                                 : tr("Problems (%1)").arg(findings.size()));
    });
    connect(m_problems, &ProblemsView::findingActivated, this, [this](const Finding &finding) {
        m_editor->selectCharRange(finding.start, finding.length);
        m_editor->setFocus();
    });

    bottomLayout->addWidget(bar);
    bottomLayout->addWidget(m_outputTabs, 1);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("consoleSplitter"));
    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(bottom);
    // Results get the larger share: at the default 1280×800 a result should be readable without
    // dragging the splitter, and a console's query is usually a few lines.
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({350, 650});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_ticker = new QTimer(this);
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, this, &SqlConsole::updateElapsed);

    connect(m_runButton, &QPushButton::clicked, this, &SqlConsole::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &SqlConsole::cancel);
    connect(m_model, &ResultTableModel::rowCountChanged, this, &SqlConsole::updateRowCount);
    connect(m_editor, &QsciScintilla::modificationChanged, this, &SqlConsole::titleChanged);

    setFocusProxy(m_editor);
    updateButtons();
    updateConnectionLabel();
}

SqlConsole::~SqlConsole()
{
    // Closing a tab stops what it started; its session (a child of this console) closes with it.
    if (m_running && m_worker)
        m_worker->cancel(m_requestId);
}

void SqlConsole::setConnection(ConnectionWorker *worker, const ConnectionProfile &profile)
{
    if (m_running && worker != m_worker) {
        m_messages->appendInfo(tr("Stopped: the connection changed while the statement ran."));
        finishExecution(false);
    }
    for (const QMetaObject::Connection &c : std::as_const(m_workerConnections))
        disconnect(c);
    m_workerConnections.clear();
    m_worker = worker;
    m_profile = profile;
    m_schemaChanges = {};
    // The linter's schema reads go through the window's background session
    // (linter()->setConnection), never through this console's, which holds the user's transaction.
    if (worker) {
        m_workerConnections = {
            connect(worker, &ConnectionWorker::columnsReady, this, &SqlConsole::onColumns),
            connect(worker, &ConnectionWorker::rowsReady, this, &SqlConsole::onRows),
            connect(worker, &ConnectionWorker::queryFinished, this, &SqlConsole::onFinished),
            connect(worker, &ConnectionWorker::queryFailed, this, &SqlConsole::onFailed),
            connect(worker, &ConnectionWorker::noticeReceived, this, &SqlConsole::onNotice),
            connect(worker, &ConnectionWorker::opened, this, &SqlConsole::updateButtons),
            connect(worker, &ConnectionWorker::openFailed, this, &SqlConsole::onOpenFailed),
            connect(worker, &ConnectionWorker::connectionLost, this, &SqlConsole::updateButtons),
        };
    }
    updateButtons();
    updateConnectionLabel();
}

void SqlConsole::onOpenFailed(const DbError &error)
{
    DbError shown = error;
    shown.message = tr("This console's session could not be opened: %1").arg(error.message);
    m_messages->appendError(shown);
    m_outputTabs->setCurrentIndex(MessagesTab);
    updateButtons();
}

void SqlConsole::updateConnectionLabel()
{
    QPalette pal = palette();
    if (!m_worker)
        pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_connectionLabel->setPalette(pal);
    if (!m_worker) {
        m_connectionLabel->setText(tr("Not connected"));
        m_connectionLabel->setStyleSheet(QString());
        return;
    }
    if (m_profile.production) {
        m_connectionLabel->setText(tr("PRODUCTION · %1").arg(m_profile.name));
        m_connectionLabel->setStyleSheet(
            QStringLiteral("background: %1; color: white; font-weight: bold;"
                           "border-radius: 3px; padding: 2px 8px;")
                .arg(SemanticColors::color(SemanticColors::Role::Production, palette()).name()));
        return;
    }
    m_connectionLabel->setText(m_profile.name);
    m_connectionLabel->setStyleSheet(
        m_profile.colour.isValid() ? QStringLiteral("border-left: 4px solid %1; padding-left: 6px;")
                                         .arg(m_profile.colour.name())
                                   : QString());
}

QList<SqlConsole::PendingStatement> SqlConsole::statementsToRun(QString *problem) const
{
    QList<PendingStatement> statements;
    const QString all = m_editor->text();
    if (m_editor->hasSelection()) {
        const int from = m_editor->selectionStartCharIndex();
        const int to = m_editor->selectionEndCharIndex();
        const QString selected = all.mid(from, to - from);
        for (const StatementRange &range : StatementSplitter::split(selected))
            statements.append({from + range.start, range.text});
        if (statements.isEmpty())
            *problem = tr("The selection holds no statement.");
    } else {
        const StatementRange range = StatementSplitter::statementAt(all,
                                                                    m_editor->cursorCharIndex());
        if (!range.text.trimmed().isEmpty())
            statements.append({range.start, range.text});
        else
            *problem = tr("There is no statement at the cursor.");
    }
    return statements;
}

QString SqlConsole::currentStatement(int *start, QString *problem) const
{
    QString reason;
    const QList<PendingStatement> statements = statementsToRun(&reason);
    if (problem)
        *problem = reason;
    if (statements.isEmpty())
        return {};
    if (start)
        *start = statements.first().start;
    return statements.first().text;
}

QString SqlConsole::databaseName() const
{
    if (m_worker && !m_worker->serverInfo().database.isEmpty())
        return m_worker->serverInfo().database;
    ConnInfo info;
    QString error;
    if (ConnInfo::parse(m_profile.conninfo, &info, &error)
        && !info.value(QStringLiteral("dbname")).isEmpty())
        return info.value(QStringLiteral("dbname"));
    return m_profile.name;
}

void SqlConsole::run()
{
    if (m_running || m_confirming)
        return;
    // A session still opening takes the statement after the open (its queue is ordered).
    if (!m_worker || !(m_worker->isOpen() || m_worker->isOpening())) {
        m_messages->appendError(DbError::clientError(
            m_worker
                ? tr("The connection is closed. Reconnect (Connection ▸ Reconnect) and run again.")
                : tr("Not connected. Connect to a database first (Connection ▸ Connect…).")));
        m_outputTabs->setCurrentIndex(MessagesTab);
        emit executionFinished(false);
        return;
    }
    QString problem;
    const QList<PendingStatement> statements = statementsToRun(&problem);
    if (statements.isEmpty()) {
        m_messages->appendInfo(problem);
        m_outputTabs->setCurrentIndex(MessagesTab);
        emit executionFinished(false);
        return;
    }

    if (m_profile.production) {
        QStringList reasons;
        for (const PendingStatement &statement : statements) {
            const QString reason = ProductionGuard::destructiveReason(statement.text);
            if (!reason.isEmpty() && !reasons.contains(reason))
                reasons.append(reason);
        }
        if (!reasons.isEmpty()) {
            m_confirming = true;
            updateButtons();
            QPointer<SqlConsole> self(this);
            const QString database = databaseName();
            ProductionGuard::confirm(
                this, database, reasons, [self, statements, database](bool confirmed) {
                    if (!self)
                        return;
                    self->m_confirming = false;
                    if (confirmed && self->m_worker && self->m_worker->isOpen()) {
                        self->startExecution(statements);
                        return;
                    }
                    self->m_messages->appendError(DbError::clientError(
                        tr("Not run: the database name was not confirmed (this is the production "
                           "database \"%1\").")
                            .arg(database)));
                    self->m_outputTabs->setCurrentIndex(MessagesTab);
                    self->updateButtons();
                    emit self->executionFinished(false);
                });
            return;
        }
    }
    startExecution(statements);
}

void SqlConsole::startExecution(const QList<PendingStatement> &statements)
{
    m_editor->clearErrorMarks();
    m_model->clear();
    m_fittedColumns = false;
    m_queue = statements;
    m_cancelRequested = false;
    m_running = true;
    m_runTimer.start();
    m_ticker->start();
    m_rowCountLabel->clear();
    updateElapsed();
    updateButtons();
    emit runningChanged(true);
    runNext();
}

void SqlConsole::runNext()
{
    if (m_queue.isEmpty() || !m_worker) {
        finishExecution(m_queue.isEmpty());
        return;
    }
    m_current = m_queue.takeFirst();
    m_requestId = m_worker->runQuery(m_current.text);
}

void SqlConsole::finishExecution(bool ok)
{
    if (!m_running)
        return;
    m_running = false;
    m_requestId = 0;
    m_queue.clear();
    m_ticker->stop();
    updateElapsed();
    updateButtons();
    emit runningChanged(false);
    emit executionFinished(ok);
}

void SqlConsole::onColumns(quint64 requestId, const QList<ColumnInfo> &columns)
{
    if (requestId != m_requestId || !m_running)
        return;
    // With several statements selected, the grid shows the last one that returned rows.
    m_model->clear();
    m_model->setColumns(columns);
    m_fittedColumns = false;
    m_outputTabs->setCurrentIndex(ResultsTab);
    updateRowCount();
}

void SqlConsole::onRows(quint64 requestId, const RowBatch &rows)
{
    if (requestId != m_requestId || !m_running)
        return;
    m_model->appendRows(rows);
    if (!m_fittedColumns) {
        // Once, on the first batch: later batches never resize (that would cost a pass over
        // the data per batch and make the columns jump while streaming).
        m_fittedColumns = true;
        const int visibleRows = m_resultView->viewport()->height()
                                    / qMax(1, m_resultView->verticalHeader()->defaultSectionSize())
                                + 1;
        m_resultView->fitColumnsToContents(qMax(visibleRows, 50));
    }
    updateRowCount();
}

void SqlConsole::onFinished(quint64 requestId, const QueryOutcome &outcome)
{
    if (requestId != m_requestId || !m_running)
        return;
    QString tag = outcome.commandTag;
    if (tag.isEmpty())
        tag = m_current.text.simplified().section(QLatin1Char(' '), 0, 0).toUpper();
    const QString elapsed = formatElapsed(outcome.elapsedMs);
    QString line;
    if (outcome.returnedRows) {
        line = outcome.rowsReturned == 1
                   ? tr("%1 — 1 row in %2").arg(tag, elapsed)
                   : tr("%1 — %2 rows in %3").arg(tag, formatCount(outcome.rowsReturned), elapsed);
    } else if (outcome.rowsAffected >= 0
               && tag.section(QLatin1Char(' '), -1).toLongLong() == outcome.rowsAffected
               && tag.contains(QLatin1Char(' '))) {
        // Only commands whose tag carries a count (INSERT 0 5, UPDATE 3, COPY 10) affect rows.
        line = outcome.rowsAffected == 1
                   ? tr("%1 — 1 row affected in %2").arg(tag, elapsed)
                   : tr("%1 — %2 rows affected in %3")
                         .arg(tag, formatCount(outcome.rowsAffected), elapsed);
    } else {
        line = tr("%1 — done in %2").arg(tag, elapsed);
    }
    m_messages->appendInfo(line);
    if (m_schemaChanges.finished(tag))
        emit schemaChanged();
    if (!outcome.returnedRows && m_model->columnCount() == 0) {
        m_rowCountLabel->setText(tag);
        m_outputTabs->setCurrentIndex(MessagesTab);
    }
    if (m_cancelRequested)
        m_queue.clear();
    runNext();
}

void SqlConsole::onFailed(quint64 requestId, const DbError &error)
{
    if (requestId != m_requestId || !m_running)
        return;
    const int remaining = int(m_queue.size());
    if (error.cancelled || (m_cancelRequested && error.sqlState == QLatin1String("57014"))) {
        m_messages->appendInfo(
            tr("Query cancelled after %1").arg(formatElapsed(m_runTimer.elapsed())));
    } else {
        m_messages->appendError(error);
        m_outputTabs->setCurrentIndex(MessagesTab);
        emit statementFailed(error);
        if (error.position >= 0) {
            const int at = m_current.start + error.position;
            m_editor->setCursorCharIndex(at);
            m_editor->markError(at, qMax(1, m_editor->tokenLengthAt(at)), error.toDisplayString());
            m_editor->setFocus();
        }
    }
    if (remaining > 0)
        m_messages->appendInfo(remaining == 1
                                   ? tr("1 remaining statement not run.")
                                   : tr("%1 remaining statements not run.").arg(remaining));
    finishExecution(false);
}

void SqlConsole::onNotice(const Notice &notice, quint64 requestId)
{
    // A notice belongs to the statement that was running when it arrived (the session may also
    // run an EXPLAIN for the plan actions).
    if (m_running && requestId == m_requestId)
        m_messages->appendNotice(notice);
}

void SqlConsole::cancel()
{
    if (!m_running || !m_worker)
        return;
    m_cancelRequested = true;
    m_queue.clear();
    m_worker->cancel(m_requestId);
    m_cancelButton->setEnabled(false);
}

void SqlConsole::updateButtons()
{
    const bool connected = m_worker && (m_worker->isOpen() || m_worker->isOpening());
    m_runButton->setEnabled(connected && !m_running && !m_confirming);
    m_cancelButton->setEnabled(m_running && !m_cancelRequested);
}

void SqlConsole::updateRowCount()
{
    if (m_model->columnCount() == 0)
        return;
    const int rows = m_model->rowCount();
    m_rowCountLabel->setText(rows == 1 ? tr("1 row") : tr("%1 rows").arg(formatCount(rows)));
}

void SqlConsole::updateElapsed()
{
    m_elapsedLabel->setText(m_runTimer.isValid() ? formatElapsed(m_runTimer.elapsed()) : QString());
}

QString SqlConsole::formatCount(qint64 count)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(count);
}

QString SqlConsole::formatElapsed(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60000)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

bool SqlConsole::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    m_editor->setText(QString::fromUtf8(file.readAll()));
    m_editor->setModified(false);
    m_editor->setCursorCharIndex(0);
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_lint->setFileName(m_filePath);
    emit titleChanged();
    return true;
}

bool SqlConsole::saveFile(const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_editor->text().toUtf8()) < 0
        || !file.commit()) {
        if (error)
            *error = tr("%1: cannot write the file (%2)").arg(path, file.errorString());
        return false;
    }
    m_editor->setModified(false);
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_lint->setFileName(m_filePath);
    emit titleChanged();
    return true;
}

bool SqlConsole::isModified() const
{
    if (m_filePath.isEmpty() && m_editor->text().trimmed().isEmpty())
        return false;
    return m_editor->isModified();
}

QString SqlConsole::documentName() const
{
    return m_filePath.isEmpty() ? title() : QFileInfo(m_filePath).fileName();
}

bool SqlConsole::saveDocument(const QString &path, QString *error)
{
    return saveFile(path.isEmpty() ? m_filePath : path, error);
}

QString SqlConsole::title() const
{
    QString name = m_filePath.isEmpty() ? m_scratchTitle : QFileInfo(m_filePath).fileName();
    if (name.isEmpty())
        name = tr("Console");
    return !m_filePath.isEmpty() && isModified() ? name + QLatin1Char('*') : name;
}

void SqlConsole::setScratchTitle(const QString &title)
{
    m_scratchTitle = title;
    emit titleChanged();
}
