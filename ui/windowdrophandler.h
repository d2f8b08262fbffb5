#pragma once

#include <QObject>
#include <QStringList>

class MainWindow;
class PlanActions;
class QMimeData;
class QUrl;

// Opens what is dropped on the main window: .sql files in SQL consoles, any other file and
// dropped plain text as a plan tab (JSON or text EXPLAIN output, whatever the extension). What
// is not a plan opens nothing; its parse error (file, line, what was expected) goes to the
// status bar and a window-modal message box. Works as an event filter on the window, where
// drops on widgets that take none end up, and listens to the editors in the tabs, because
// QScintilla swallows dropped files and only reports them (SCN_URIDROPPED). GUI thread.
class WindowDropHandler : public QObject
{
    Q_OBJECT

public:
    WindowDropHandler(MainWindow *window, PlanActions *plans);

    // True when the drop carries something this handler opens (local files or plain text).
    static bool canOpen(const QMimeData *mime);
    // Opens the local files or, without files, the text as a plan; false when anything failed.
    bool open(const QMimeData *mime);
    bool openFiles(const QList<QUrl> &urls);
    bool openText(const QString &text);

public slots:
    void openUrl(const QUrl &url);

signals:
    // After a failed drop, with the message shown to the user.
    void dropFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool openFile(const QString &path, QString *error);
    void report(const QStringList &errors);
    void watchEditors();

    MainWindow *m_window;
    PlanActions *m_plans;
};
