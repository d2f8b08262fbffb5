#pragma once

#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// One box of a deploy checklist.
struct ChecklistItem
{
    enum class Phase { Prepare, Execute, Verify };

    QString id;
    QString title;
    QString help;
    Phase phase = Phase::Prepare;
    // "manual", or the id of an automated check: pending, lint-clean, backup, rehearsal, impact, verify.
    QString kind;
    bool required = true; // must be done and pass (or be signed) before go
    bool blocking = true; // for an optional item: once run, a failure means no-go, not a warning

    bool isManual() const { return kind == QLatin1String("manual"); }
    static QString phaseName(Phase phase); // prepare, execute, verify
};

// A deploy checklist as data: `{"name": "...", "items": [ITEM, ...], "distinctSigners": [[ID,
// ID, ...], ...]}`. Templates derived from the pre-migration checklist, the quality gate and
// zero-downtime practice are compiled in (:/checklists); a `slipway-checklist.json` in a migration
// folder replaces the template for that folder. Reading never half-succeeds: a bad file gives an
// error naming the file and the field.
class Checklist
{
    Q_DECLARE_TR_FUNCTIONS(Checklist)

public:
    Checklist() = default;
    // A checklist built in code (the checklist editor); source() stays empty until it is read back.
    Checklist(QString name,
              QString description,
              QList<ChecklistItem> items,
              QList<QStringList> distinctSigners = {});

    static const QStringList &automatedKinds();
    static QString folderFileName() { return QStringLiteral("slipway-checklist.json"); }

    // Template ids: pre-migration, quality-gate, zero-downtime.
    static QStringList templateIds();
    static Checklist fromTemplate(const QString &id, QString *error);
    // The folder's slipway-checklist.json when there is one, else the template.
    static Checklist forFolder(const QString &directory, const QString &templateId, QString *error);
    static Checklist fromFile(const QString &path, QString *error);
    // `source` names the input in errors ("slipway-checklist.json").
    static Checklist fromJson(const QByteArray &json, const QString &source, QString *error);
    QByteArray toJson() const;

    bool isValid() const { return !m_items.isEmpty(); }
    QString name() const { return m_name; }
    QString description() const { return m_description; }
    QString source() const { return m_source; }
    const QList<ChecklistItem> &items() const { return m_items; }
    const ChecklistItem *item(const QString &id) const;
    // The four-eyes rule: groups of manual items (two or more each) that different people must
    // sign off; DeploySession::decision() refuses one name on two items of a group.
    const QList<QStringList> &distinctSigners() const { return m_distinctSigners; }
    // The items whose signer must be someone else than the one who signs `id`, in checklist order.
    QStringList distinctFrom(const QString &id) const;

private:
    // Reads "distinctSigners" once the items are known; false with the field and what was
    // expected when the value does not hold.
    bool readDistinctSigners(const QJsonValue &value, QString *field, QString *expected);

    QString m_name;
    QString m_description;
    QString m_source;
    QList<ChecklistItem> m_items;
    QList<QStringList> m_distinctSigners;
};
