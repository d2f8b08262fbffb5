#include "windowdrophandler.h"

#include "mainwindow.h"
#include "planactions.h"

#include <Qsci/qsciscintillabase.h>

#include <QDropEvent>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>
#include <QUrl>

namespace {

bool isSqlFile(const QString &path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("sql"), Qt::CaseInsensitive) == 0;
}

bool hasLocalFile(const QList<QUrl> &urls)
{
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            return true;
    }
    return false;
}

// Text dragged within Slipway (an editor's selection, a result cell) is no plan to open; it
// goes wherever it is dropped or nowhere.
bool takes(const QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    return WindowDropHandler::canOpen(mime) && (mime->hasUrls() || !event->source());
}

} // namespace

WindowDropHandler::WindowDropHandler(MainWindow *window, PlanActions *plans)
    : QObject(window)
    , m_window(window)
    , m_plans(plans)
{
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    // Every new tab becomes the current one, so this sees each editor as it arrives.
    connect(window->tabs(), &QTabWidget::currentChanged, this, &WindowDropHandler::watchEditors);
    watchEditors();
}

bool WindowDropHandler::canOpen(const QMimeData *mime)
{
    if (!mime)
        return false;
    // File managers add the paths as text too: files decide, never their names as a plan.
    if (mime->hasUrls())
        return hasLocalFile(mime->urls());
    return mime->hasText() && !mime->text().trimmed().isEmpty();
}

bool WindowDropHandler::open(const QMimeData *mime)
{
    if (!canOpen(mime))
        return false;
    return mime->hasUrls() ? openFiles(mime->urls()) : openText(mime->text());
}

bool WindowDropHandler::openFiles(const QList<QUrl> &urls)
{
    QStringList errors;
    for (const QUrl &url : urls) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        QString error;
        if (!openFile(path, &error))
            errors << tr("%1: %2").arg(QFileInfo(path).fileName(), error);
    }
    report(errors);
    return errors.isEmpty();
}

bool WindowDropHandler::openText(const QString &text)
{
    QString error;
    if (m_plans->openPlan(text, tr("dropped"), {}, &error))
        return true;
    report({tr("The dropped text: %1").arg(error)});
    return false;
}

void WindowDropHandler::openUrl(const QUrl &url)
{
    openFiles({url});
}

bool WindowDropHandler::openFile(const QString &path, QString *error)
{
    if (isSqlFile(path))
        return m_window->openSqlFile(path, error) != nullptr;
    QString parseError;
    if (m_plans->openPlanFile(path, &parseError))
        return true;
    *error = tr("not a plan Slipway can read (%1)").arg(parseError);
    return false;
}

void WindowDropHandler::report(const QStringList &errors)
{
    if (errors.isEmpty())
        return;
    const QString message = errors.join(QLatin1Char('\n'));
    m_window->statusBar()->showMessage(tr("Could not open the drop: %1")
                                           .arg(errors.first().section(QLatin1Char('\n'), 0, 0)),
                                       10000);
    // Window-modal and open(), not exec(): a drop must not start a nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning,
                                tr("Open Dropped Files"),
                                errors.size() == 1 ? tr("Could not open the drop.")
                                                   : tr("Could not open %n of the dropped files.",
                                                        nullptr,
                                                        int(errors.size())),
                                QMessageBox::Ok,
                                m_window);
    box->setObjectName(QStringLiteral("dropErrorBox"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
    emit dropFailed(message);
}

void WindowDropHandler::watchEditors()
{
    QTabWidget *tabs = m_window->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        const QList<QsciScintillaBase *> editors = tabs->widget(i)
                                                       ->findChildren<QsciScintillaBase *>();
        for (QsciScintillaBase *editor : editors)
            connect(editor,
                    &QsciScintillaBase::SCN_URIDROPPED,
                    this,
                    &WindowDropHandler::openUrl,
                    Qt::UniqueConnection);
    }
}

bool WindowDropHandler::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (!takes(drag))
            return QObject::eventFilter(watched, event);
        drag->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (!takes(drop))
            return QObject::eventFilter(watched, event);
        // Accepted even when the file is no plan: the drop was ours and its error is shown.
        drop->acceptProposedAction();
        open(drop->mimeData());
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}
