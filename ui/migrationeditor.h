#pragma once

#include "document.h"
#include "migrations/migration.h"

#include <QWidget>

class ConnectionWorker;
class EditorLinter;
class QLabel;
class QSplitter;
class SqlEditor;

// A migration's up and down scripts side by side, each linted while typing after the folder's
// earlier migrations and against the window's connection (schema, sizes, server version,
// completion). For dbmate, whose up and down live in one file, the file shows on the left and
// the right side says so. A Document: the window's Save writes both files, and closing the tab
// asks first when either is modified. GUI thread only.
class MigrationEditor : public QWidget, public Document
{
    Q_OBJECT

public:
    explicit MigrationEditor(QWidget *parent = nullptr);

    // `folder`: the migration folder's root, whose earlier migrations the lint starts from.
    bool load(const Migration &migration, const QString &folder, QString *error);
    QString upPath() const { return m_migration.upPath; }
    // The connection whose schema both scripts are linted and completed against; null when
    // disconnected. Not owned.
    void setConnection(ConnectionWorker *worker);
    bool save(QString *error);
    bool isModified() const override;
    QString title() const;

    QString documentName() const override;
    bool hasFile() const override { return true; }
    bool saveDocument(const QString &path, QString *error) override;

    SqlEditor *upEditor() const { return m_up; }
    SqlEditor *downEditor() const { return m_down; }
    EditorLinter *upLinter() const { return m_upLint; }
    EditorLinter *downLinter() const { return m_downLint; }

signals:
    void titleChanged();

private:
    Migration m_migration;
    SqlEditor *m_up = nullptr;
    SqlEditor *m_down = nullptr;
    EditorLinter *m_upLint = nullptr;
    EditorLinter *m_downLint = nullptr;
    QLabel *m_upLabel = nullptr;
    QLabel *m_downLabel = nullptr;
    QSplitter *m_splitter = nullptr;
};
