#include "auditdialog.h"

#include "deploy/auditlog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {

// What a run (not a deploy, which has its report) says about itself, as Markdown.
QString details(const AuditEntry &entry)
{
    QString text = AuditDialog::tr("### %1 on %2\n\n").arg(entry.action, entry.connection);
    text += AuditDialog::tr("- Outcome: **%1**\n").arg(entry.outcome);
    text += AuditDialog::tr("- By %1 with %2\n").arg(entry.user, entry.origin);
    text += AuditDialog::tr("- Started %1, took %2\n")
                .arg(QLocale().toString(entry.started.toLocalTime(), QLocale::LongFormat),
                     entry.durationText());
    text += AuditDialog::tr("- Folder: `%1`\n").arg(QDir::toNativeSeparators(entry.folder));
    if (!entry.migrations.isEmpty()) {
        text += AuditDialog::tr("\n#### Migrations\n\n");
        for (const QString &migration : entry.migrations)
            text += QStringLiteral("- %1\n").arg(migration);
    }
    if (!entry.message.isEmpty())
        text += AuditDialog::tr("\n#### Message\n\n```\n%1\n```\n").arg(entry.message);
    return text;
}

} // namespace

AuditDialog::AuditDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("auditDialog"));
    setWindowTitle(tr("Audit trail"));
    resize(1100, 660);

    m_targetFilter = new QLineEdit;
    m_targetFilter->setObjectName(QStringLiteral("auditTargetFilter"));
    m_targetFilter->setPlaceholderText(tr("Database, host or file"));
    m_targetFilter->setClearButtonEnabled(true);
    m_actionFilter = new QComboBox;
    m_actionFilter->setObjectName(QStringLiteral("auditActionFilter"));
    m_actionFilter->addItem(tr("All actions"), QString());
    m_actionFilter->addItem(tr("Deploys"), QStringLiteral("deploy"));
    m_actionFilter->addItem(tr("Migrate"), QStringLiteral("migrate"));
    m_actionFilter->addItem(tr("Roll back"), QStringLiteral("rollback"));
    m_actionFilter->addItem(tr("Baseline"), QStringLiteral("baseline"));
    m_actionFilter->addItem(tr("Repair"), QStringLiteral("repair"));
    auto *filters = new QHBoxLayout;
    auto *targetLabel = new QLabel(tr("&Target:"));
    targetLabel->setBuddy(m_targetFilter);
    auto *actionLabel = new QLabel(tr("A&ction:"));
    actionLabel->setBuddy(m_actionFilter);
    filters->addWidget(targetLabel);
    filters->addWidget(m_targetFilter, 1);
    filters->addWidget(actionLabel);
    filters->addWidget(m_actionFilter);
    connect(m_targetFilter, &QLineEdit::textChanged, this, &AuditDialog::reload);
    connect(m_actionFilter, &QComboBox::currentIndexChanged, this, &AuditDialog::reload);

    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("deploys"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("Target"), tr("Action"),
                                        tr("Outcome"), tr("Duration"), tr("Migrations"),
                                        tr("From")});
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
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AuditDialog::showReport);
    reload();
}

void AuditDialog::reload()
{
    AuditFilter filter;
    filter.connection = m_targetFilter->text().trimmed();
    filter.action = m_actionFilter->currentData().toString();
    QString error;
    const QList<AuditEntry> entries = AuditLog().entries(&error, false, filter);
    m_table->setRowCount(0);
    m_report->clear();
    for (const AuditEntry &entry : entries) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{entry.started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                entry.user,
                                entry.connection,
                                entry.action,
                                entry.outcome,
                                entry.durationText(),
                                entry.migrations.join(QStringLiteral(", ")),
                                entry.origin};
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
        m_report->setPlainText(tr("Nothing recorded matches (%1).")
                                   .arg(QDir::toNativeSeparators(AuditLog::defaultPath())));
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
        m_report->setMarkdown(entry.report.isEmpty() ? details(entry) : entry.report);
}
