#include "aboutdialog.h"

#include <pqxx/version>
#include <Qsci/qsciglobal.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <libpq-fe.h>

AboutDialog::AboutDialog(const ServerInfo &server, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Slipway"));

    auto *title = new QLabel(tr("Slipway %1").arg(QStringLiteral(SLIPWAY_VERSION)), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *blurb = new QLabel(tr("A workbench for changing PostgreSQL databases safely."), this);
    blurb->setWordWrap(true);

    const int libpq = PQlibVersion();
    m_versions = {
        {tr("Slipway"), QStringLiteral(SLIPWAY_VERSION)},
        {tr("Qt"), QString::fromLatin1(qVersion())},
        {tr("QScintilla"), QStringLiteral(QSCINTILLA_VERSION_STR)},
        {tr("libpqxx"), QStringLiteral(PQXX_VERSION)},
        {tr("libpq"), QStringLiteral("%1.%2").arg(libpq / 10000).arg(libpq % 10000)},
    };
    if (!server.product.isEmpty()) {
        QString text = server.product + QLatin1Char(' ') + server.version;
        if (!server.database.isEmpty())
            text += tr(" (database %1)").arg(server.database);
        m_versions.append({tr("Server"), text});
    } else {
        m_versions.append({tr("Server"), tr("not connected")});
    }

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    for (const auto &[name, value] : std::as_const(m_versions)) {
        auto *label = new QLabel(value, this);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(name + QLatin1Char(':'), label);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(versionsText());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(blurb);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString AboutDialog::versionsText() const
{
    QStringList lines;
    for (const auto &[name, value] : m_versions)
        lines.append(name + QStringLiteral(": ") + value);
    return lines.join(QLatin1Char('\n'));
}
