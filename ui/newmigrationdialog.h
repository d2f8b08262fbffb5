#pragma once

#include "migrations/migrationfolder.h"
#include "migrations/migrationtemplates.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class SqlEditor;

// "New Migration": pick a safe pattern, fill in its table and column, see the migrations it
// will write (named in the folder's dialect) with each step's up and down script side by side,
// and create the files. Opened window-modal with open(); created() lists the files written.
// GUI thread only.
class NewMigrationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewMigrationDialog(const QString &folder, QWidget *parent = nullptr);

    QComboBox *templateBox() const { return m_template; }
    QLineEdit *field(const QString &key) const { return m_fields.value(key); }
    QListWidget *stepList() const { return m_steps; }
    SqlEditor *upPreview() const { return m_up; }
    SqlEditor *downPreview() const { return m_down; }
    QLabel *problemLabel() const { return m_problem; }

    // Writes the files; false (with the reason shown in the dialog) when it cannot.
    bool create();

signals:
    void created(const QStringList &paths);

private:
    void templateChanged();
    void refresh();
    void showStep(int row);

    MigrationFolder m_folder;
    QList<MigrationTemplates::Step> m_rendered;
    QComboBox *m_template = nullptr;
    QLabel *m_description = nullptr;
    QFormLayout *m_form = nullptr;
    QHash<QString, QLineEdit *> m_fields;
    QListWidget *m_steps = nullptr;
    SqlEditor *m_up = nullptr;
    SqlEditor *m_down = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_createButton = nullptr;
};
