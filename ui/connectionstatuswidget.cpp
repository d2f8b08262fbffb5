#include "connectionstatuswidget.h"

#include "semanticcolors.h"

#include <QHBoxLayout>
#include <QLabel>


ConnectionStatusWidget::ConnectionStatusWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("connectionStatus"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 1, 8, 1);
    layout->setSpacing(6);

    m_swatch = new QLabel(this);
    m_swatch->setFixedSize(10, 10);
    m_badge = new QLabel(tr("PRODUCTION"), this);
    m_badge->setObjectName(QStringLiteral("productionBadge"));
    QFont bold = m_badge->font();
    bold.setBold(true);
    m_badge->setFont(bold);
    m_label = new QLabel(this);
    m_label->setTextFormat(Qt::PlainText);

    layout->addWidget(m_swatch);
    layout->addWidget(m_badge);
    layout->addWidget(m_label);
    setAutoFillBackground(true);
    setDisconnected();
}

void ConnectionStatusWidget::setDisconnected()
{
    m_state = State::Disconnected;
    m_label->setText(tr("Not connected"));
    m_label->setToolTip({});
    applyLook(nullptr);
}

void ConnectionStatusWidget::setConnecting(const ConnectionProfile &profile)
{
    m_state = State::Connecting;
    m_label->setText(tr("Connecting to %1…").arg(profile.name));
    m_label->setToolTip(profile.displayTarget());
    applyLook(&profile);
}

void ConnectionStatusWidget::setConnected(const ConnectionProfile &profile, const ServerInfo &server)
{
    m_state = State::Connected;
    QString text = profile.name;
    const QString product = server.product.isEmpty() ? ConnectionProfile::engineName(profile.engine)
                                                     : server.product;
    text += QStringLiteral("  ·  ") + product;
    if (!server.version.isEmpty())
        text += QLatin1Char(' ') + server.version;
    const QString target = server.database.isEmpty()
                               ? profile.displayTarget()
                               : (server.user.isEmpty() ? QString() : server.user + QLatin1Char('@'))
                                     + server.endpoint
                                     + (server.endpoint.isEmpty() ? QString() : QStringLiteral("/"))
                                     + server.database;
    m_label->setText(text);
    m_label->setToolTip(target);
    applyLook(&profile);
}

void ConnectionStatusWidget::setConnectionLost(const ConnectionProfile &profile,
                                               const DbError &error)
{
    m_state = State::Lost;
    m_label->setText(tr("%1  ·  Connection lost").arg(profile.name));
    m_label->setToolTip(error.toDisplayString());
    applyLook(&profile);
}

QString ConnectionStatusWidget::text() const
{
    return m_production ? m_badge->text() + QLatin1Char(' ') + m_label->text() : m_label->text();
}

void ConnectionStatusWidget::applyLook(const ConnectionProfile *profile)
{
    m_production = profile && profile->production;
    m_badge->setVisible(m_production);

    const bool hasColour = profile && profile->colour.isValid();
    m_swatch->setVisible(hasColour && !m_production);
    if (hasColour)
        m_swatch->setStyleSheet(QStringLiteral("background: %1; border: 1px solid rgba(0,0,0,60);"
                                               "border-radius: 5px;")
                                    .arg(profile->colour.name()));

    QPalette pal = palette();
    pal.setColor(QPalette::Window,
                 m_production ? SemanticColors::color(SemanticColors::Role::Production, palette())
                              : QPalette().color(QPalette::Window));
    QColor text = m_production ? QColor(Qt::white) : QPalette().color(QPalette::WindowText);
    if (m_state == State::Lost && !m_production)
        text = SemanticColors::color(SemanticColors::Role::Production, palette());
    pal.setColor(QPalette::WindowText, text);
    setPalette(pal);
    m_label->setPalette(pal);
    m_badge->setPalette(pal);

    QFont font = m_label->font();
    font.setBold(m_state == State::Lost || m_production);
    m_label->setFont(font);
}
