#include "checklist.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace {

const QStringList &phaseNames()
{
    static const QStringList names{QStringLiteral("prepare"), QStringLiteral("execute"), QStringLiteral("verify")};
    return names;
}

// JSON parse errors come as a character offset; people read lines.
int lineOf(const QByteArray &json, int offset)
{
    return int(json.left(offset).count('\n')) + 1;
}

} // namespace

QString ChecklistItem::phaseName(Phase phase)
{
    return phaseNames().at(int(phase));
}

Checklist::Checklist(QString name,
                     QString description,
                     QList<ChecklistItem> items,
                     QList<QStringList> distinctSigners)
    : m_name(std::move(name))
    , m_description(std::move(description))
    , m_items(std::move(items))
    , m_distinctSigners(std::move(distinctSigners))
{}

const QStringList &Checklist::automatedKinds()
{
    static const QStringList kinds{QStringLiteral("pending"), QStringLiteral("lint-clean"), QStringLiteral("backup"),
                                   QStringLiteral("rehearsal"), QStringLiteral("impact"), QStringLiteral("verify")};
    return kinds;
}

QStringList Checklist::templateIds()
{
    return {QStringLiteral("pre-migration"), QStringLiteral("quality-gate"), QStringLiteral("zero-downtime")};
}

Checklist Checklist::fromTemplate(const QString &id, QString *error)
{
    if (!templateIds().contains(id)) {
        *error = tr("unknown checklist template \"%1\"; the templates are %2")
                     .arg(id, templateIds().join(QStringLiteral(", ")));
        return {};
    }
    return fromFile(QStringLiteral(":/checklists/%1.json").arg(id), error);
}

Checklist Checklist::forFolder(const QString &directory, const QString &templateId, QString *error)
{
    const QString own = QDir(directory).filePath(folderFileName());
    if (!directory.isEmpty() && QFile::exists(own))
        return fromFile(own, error);
    return fromTemplate(templateId, error);
}

Checklist Checklist::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot read: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    return fromJson(file.readAll(), path.startsWith(QLatin1Char(':')) ? path : QDir::toNativeSeparators(path), error);
}

Checklist Checklist::fromJson(const QByteArray &json, const QString &source, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("%1:%2: not valid JSON: %3").arg(source).arg(lineOf(json, parseError.offset)).arg(parseError.errorString());
        return {};
    }
    if (!document.isObject()) {
        *error = tr("%1: expected an object {\"name\": …, \"items\": […]}").arg(source);
        return {};
    }
    const QJsonObject root = document.object();
    auto fail = [&](const QString &field, const QString &expected) {
        *error = tr("%1: %2: %3").arg(source, field, expected);
        return Checklist();
    };
    // A misspelt key ("requird") would otherwise be dropped without a word and its default used.
    auto unknownKey = [](const QJsonObject &object, const QStringList &known) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!known.contains(it.key()))
                return it.key();
        }
        return QString();
    };
    const QString strayRoot = unknownKey(root,
                                         {QStringLiteral("name"),
                                          QStringLiteral("description"),
                                          QStringLiteral("items"),
                                          QStringLiteral("distinctSigners")});
    if (!strayRoot.isEmpty())
        return fail(strayRoot,
                    tr("unknown field; expected name, description, items or distinctSigners"));
    Checklist checklist;
    checklist.m_source = source;
    checklist.m_name = root.value(QStringLiteral("name")).toString().trimmed();
    checklist.m_description = root.value(QStringLiteral("description")).toString();
    if (checklist.m_name.isEmpty())
        return fail(QStringLiteral("name"), tr("expected a non-empty string"));
    const QJsonValue itemsValue = root.value(QStringLiteral("items"));
    if (!itemsValue.isArray() || itemsValue.toArray().isEmpty())
        return fail(QStringLiteral("items"), tr("expected a non-empty array of items"));
    QSet<QString> ids;
    const QJsonArray items = itemsValue.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = QStringLiteral("items[%1]").arg(i);
        if (!items.at(i).isObject())
            return fail(where, tr("expected an object"));
        const QJsonObject object = items.at(i).toObject();
        const QString stray = unknownKey(object, {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("help"),
                                                  QStringLiteral("phase"), QStringLiteral("kind"), QStringLiteral("required"),
                                                  QStringLiteral("blocking")});
        if (!stray.isEmpty())
            return fail(where + QLatin1Char('.') + stray, tr("unknown field; expected id, title, help, phase, kind, required or blocking"));
        ChecklistItem item;
        auto text = [&](const char *key, QString *out, bool needed) {
            const QJsonValue value = object.value(QLatin1String(key));
            if (value.isUndefined() && !needed)
                return true;
            if (!value.isString() || (needed && value.toString().trimmed().isEmpty()))
                return false;
            *out = value.toString().trimmed();
            return true;
        };
        auto flag = [&](const char *key, bool *out) {
            const QJsonValue value = object.value(QLatin1String(key));
            if (value.isUndefined())
                return true;
            if (!value.isBool())
                return false;
            *out = value.toBool();
            return true;
        };
        if (!text("id", &item.id, true))
            return fail(where + QStringLiteral(".id"), tr("expected a non-empty string"));
        if (ids.contains(item.id))
            return fail(where + QStringLiteral(".id"), tr("\"%1\" is used by an earlier item").arg(item.id));
        ids.insert(item.id);
        if (!text("title", &item.title, true))
            return fail(where + QStringLiteral(".title"), tr("expected a non-empty string"));
        if (!text("help", &item.help, false))
            return fail(where + QStringLiteral(".help"), tr("expected a string"));
        QString phase = QStringLiteral("prepare");
        if (!text("phase", &phase, false) || !phaseNames().contains(phase))
            return fail(where + QStringLiteral(".phase"),
                        tr("expected one of %1").arg(phaseNames().join(QStringLiteral(", "))));
        item.phase = ChecklistItem::Phase(phaseNames().indexOf(phase));
        if (!text("kind", &item.kind, true) || !(item.isManual() || automatedKinds().contains(item.kind)))
            return fail(where + QStringLiteral(".kind"),
                        tr("expected \"manual\" or one of %1").arg(automatedKinds().join(QStringLiteral(", "))));
        // verify runs after the migrations and the other checks before them: anything else
        // would verify nothing, or back up and rehearse what is already applied.
        const bool verifyKind = item.kind == QLatin1String("verify");
        if (!item.isManual() && verifyKind != (item.phase == ChecklistItem::Phase::Verify))
            return fail(where + QStringLiteral(".phase"), verifyKind ? tr("the verify check belongs to the verify phase")
                                                                     : tr("the %1 check runs before the migrations: prepare or execute").arg(item.kind));
        if (!flag("required", &item.required))
            return fail(where + QStringLiteral(".required"), tr("expected true or false"));
        if (!flag("blocking", &item.blocking))
            return fail(where + QStringLiteral(".blocking"), tr("expected true or false"));
        checklist.m_items << item;
    }
    QString field;
    QString expected;
    if (!checklist.readDistinctSigners(root.value(QStringLiteral("distinctSigners")),
                                       &field,
                                       &expected))
        return fail(field, expected);
    return checklist;
}

bool Checklist::readDistinctSigners(const QJsonValue &value, QString *field, QString *expected)
{
    *field = QStringLiteral("distinctSigners");
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *expected = tr(
            "expected an array of groups of manual item ids, like [[\"approval\", \"app-code\"]]");
        return false;
    }
    QStringList manual;
    for (const ChecklistItem &item : m_items) {
        if (item.isManual())
            manual << item.id;
    }
    const QJsonArray groups = value.toArray();
    for (qsizetype g = 0; g < groups.size(); ++g) {
        const QString where = QStringLiteral("distinctSigners[%1]").arg(g);
        *field = where;
        // A group of one would look like a rule and check nothing.
        const QJsonArray ids = groups.at(g).toArray();
        if (!groups.at(g).isArray() || ids.size() < 2) {
            *expected = tr("expected an array of at least two manual item ids that different "
                           "people must sign off");
            return false;
        }
        QStringList group;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            *field = QStringLiteral("%1[%2]").arg(where).arg(i);
            const QString id = ids.at(i).toString().trimmed();
            const ChecklistItem *named = ids.at(i).isString() ? item(id) : nullptr;
            if (!ids.at(i).isString() || id.isEmpty())
                *expected = tr("expected the id of a manual item");
            else if (!named)
                *expected = tr("no item has the id \"%1\"; the manual items are %2")
                                .arg(id, manual.join(QStringLiteral(", ")));
            else if (!named->isManual())
                *expected
                    = tr("\"%1\" is checked automatically, not signed off; expected a manual item")
                          .arg(id);
            else if (group.contains(id))
                *expected = tr("\"%1\" is already in this group; expected different items").arg(id);
            else {
                group << id;
                continue;
            }
            return false;
        }
        m_distinctSigners << group;
    }
    return true;
}

QStringList Checklist::distinctFrom(const QString &id) const
{
    QStringList others;
    for (const ChecklistItem &candidate : m_items) {
        for (const QStringList &group : m_distinctSigners) {
            if (candidate.id != id && group.contains(id) && group.contains(candidate.id)) {
                others << candidate.id;
                break;
            }
        }
    }
    return others;
}

QByteArray Checklist::toJson() const
{
    QJsonArray items;
    for (const ChecklistItem &item : m_items)
        items.append(QJsonObject{{QStringLiteral("id"), item.id},
                                 {QStringLiteral("title"), item.title},
                                 {QStringLiteral("help"), item.help},
                                 {QStringLiteral("phase"), ChecklistItem::phaseName(item.phase)},
                                 {QStringLiteral("kind"), item.kind},
                                 {QStringLiteral("required"), item.required},
                                 {QStringLiteral("blocking"), item.blocking}});
    QJsonObject root{{QStringLiteral("name"), m_name},
                     {QStringLiteral("description"), m_description},
                     {QStringLiteral("items"), items}};
    // Left out when there is no group, so that files written before the rule stay as they were.
    if (!m_distinctSigners.isEmpty()) {
        QJsonArray groups;
        for (const QStringList &group : m_distinctSigners)
            groups.append(QJsonArray::fromStringList(group));
        root.insert(QStringLiteral("distinctSigners"), groups);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

const ChecklistItem *Checklist::item(const QString &id) const
{
    for (const ChecklistItem &item : m_items) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}
