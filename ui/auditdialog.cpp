#include "auditdialog.h"

#include "deploy/auditlog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

AuditDialog::AuditDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("auditDialog"));
    setWindowTitle(tr("Deploy audit log"));
    resize(1000, 640);
    m_table = new QTableWidget(0, 6);
    m_table->setObjectName(QStringLiteral("deploys"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("Database"), tr("Checklist"), tr("Outcome"), tr("Migrations")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_report = new QTextBrowser;
    m_report->setObjectName(QStringLiteral("auditReport"));
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(m_report);
    splitter->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AuditDialog::showReport);
    reload();
}

void AuditDialog::reload()
{
    QString error;
    const QList<AuditEntry> entries = AuditLog().entries(&error);
    m_table->setRowCount(0);
    for (const AuditEntry &entry : entries) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{entry.started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), entry.user,
                                entry.connection, entry.checklist, entry.outcome, entry.migrations.join(QStringLiteral(", "))};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, entry.id);
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    if (!error.isEmpty())
        m_report->setPlainText(error);
    else if (entries.isEmpty())
        m_report->setPlainText(tr("No deploys recorded yet (%1).").arg(AuditLog::defaultPath()));
    else
        m_table->selectRow(0);
}

void AuditDialog::showReport()
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return;
    QString error;
    const AuditEntry entry = AuditLog().entry(selected.first()->data(Qt::UserRole).toLongLong(), &error);
    if (entry.id == 0)
        m_report->setPlainText(error);
    else
        m_report->setMarkdown(entry.report);
}
