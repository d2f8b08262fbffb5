#include "documentcloser.h"

#include "document.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QMessageBox>

bool DocumentCloser::save(QWidget *parent, Document *document)
{
    QString path;
    if (!document->hasFile()) {
        path = QFileDialog::getSaveFileName(parent,
                                            tr("Save %1").arg(document->documentName()),
                                            QString(),
                                            tr("SQL files (*.sql);;All files (*)"));
        if (path.isEmpty())
            return false;
    }
    QString error;
    if (document->saveDocument(path, &error))
        return true;
    QMessageBox box(QMessageBox::Warning,
                    tr("Save Failed"),
                    tr("%1 was not saved.").arg(document->documentName()),
                    QMessageBox::Ok,
                    parent);
    box.setObjectName(QStringLiteral("saveFailedMessage"));
    box.setInformativeText(error);
    // QMessageBox sizes itself to the short main text and wraps a long path in a narrow column;
    // a spacer in its grid gives the path room (the usual way: it ignores setMinimumWidth).
    if (auto *grid = qobject_cast<QGridLayout *>(box.layout()))
        grid->addItem(new QSpacerItem(520, 0, QSizePolicy::Minimum, QSizePolicy::Fixed),
                      grid->rowCount(),
                      0,
                      1,
                      grid->columnCount());
    box.exec();
    return false;
}

bool DocumentCloser::queryClose(QWidget *parent, Document *document)
{
    if (!document->isModified())
        return true;
    QMessageBox box(QMessageBox::Question,
                    tr("Unsaved Changes"),
                    tr("%1 has unsaved changes. Save them before closing?")
                        .arg(document->documentName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                    parent);
    box.setObjectName(QStringLiteral("unsavedChangesPrompt"));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save(parent, document);
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}
