#pragma once

#include "document.h"

#include "deploy/checklist.h"

#include <QDialog>

class ChecklistItemModel;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QTableView;

// Edits a migration folder's deploy checklist: name, description and the items (title, id, phase,
// check, required, blocking, four eyes, help). The four-eyes marks make one group of manual items
// that different people must sign off; a checklist read with several groups keeps them as they
// are and shows them read-only. Save checks the list the way the deploy wizard will read it,
// then writes <folder>/slipway-checklist.json atomically; a list that would not read back is
// refused with a message naming the item, and nothing is written. A Document: closing it with
// edits not saved asks Save / Discard / Cancel. GUI thread only.
class ChecklistEditorDialog : public QDialog, public Document
{
    Q_OBJECT

public:
    ChecklistEditorDialog(const Checklist &checklist,
                          const QString &folder,
                          QWidget *parent = nullptr);

    // The checklist as edited, with strings trimmed the way the file reader trims them.
    Checklist checklist() const;
    // The file written by the last successful save; empty before that.
    QString savedPath() const { return m_savedPath; }
    // Where Save writes: <folder>/slipway-checklist.json.
    QString targetPath() const;
    // The last refusal shown under the table; empty when there is none.
    QString errorText() const;

    ChecklistItemModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    // Why the checklist cannot be saved, naming the item, or an empty string. *row is the item's
    // row, or -1 when the problem is not one item's.
    static QString problem(const Checklist &checklist, int *row = nullptr);

    bool isModified() const override;
    QString documentName() const override;
    bool hasFile() const override { return true; }
    bool saveDocument(const QString &path, QString *error) override;

public slots:
    // Validates and writes the file, then accepts; false (with the reason shown) otherwise.
    bool save();
    void addManualItem();
    void addAutomatedItem(const QString &kind);
    void removeCurrentItem();
    void moveCurrentUp();
    void moveCurrentDown();
    void reject() override;

private:
    bool writeChecklist(QString *message);
    int currentRow() const;
    void selectRow(int row);
    void updateButtons();
    void showCurrentHelp();
    void storeHelp();
    void fillAutomatedMenu();
    void showError(const QString &message);

    QString m_folder;
    QList<QStringList> m_keptGroups; // distinctSigners when there are several: not editable here
    QString m_savedPath;
    QByteArray m_savedJson; // what the file holds (or the template as opened): isModified()'s base
    ChecklistItemModel *m_model = nullptr;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_helpTitle = nullptr;
    QPlainTextEdit *m_help = nullptr;
    QPushButton *m_addManual = nullptr;
    QPushButton *m_addAutomated = nullptr;
    QMenu *m_automatedMenu = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_moveUp = nullptr;
    QPushButton *m_moveDown = nullptr;
    QLabel *m_error = nullptr;
    bool m_showingHelp = false; // setPlainText from the model must not write back to it
};
