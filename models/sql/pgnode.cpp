#include "pgnode.h"

#include "pgnodeaccess.h"

namespace {
using simdjson::dom::element;
using simdjson::dom::element_type;
} // namespace

PgNode PgNode::field(std::string_view key) const
{
    if (!m_valid)
        return {};
    const element object = PgNodeAccess::element(*this);
    if (object.type() != element_type::OBJECT)
        return {};
    element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS)
        return {};
    return PgNodeAccess::make(value);
}

std::string_view PgNode::view() const
{
    if (!m_valid)
        return {};
    const element value = PgNodeAccess::element(*this);
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS)
        return text;
    // {"String": {"sval": "…"}} and the other one-value wrappers of PostgreSQL 15.
    if (is("String"))
        return field("sval").view();
    return {};
}

bool PgNode::isString() const
{
    return m_valid && PgNodeAccess::element(*this).type() == element_type::STRING;
}

bool PgNode::isInteger() const
{
    if (!m_valid)
        return false;
    const element_type kind = PgNodeAccess::element(*this).type();
    return kind == element_type::INT64 || kind == element_type::UINT64;
}

long long PgNode::integer(long long fallback) const
{
    if (!m_valid)
        return fallback;
    int64_t value = 0;
    if (PgNodeAccess::element(*this).get_int64().get(value) == simdjson::SUCCESS)
        return value;
    if (is("Integer"))
        return field("ival").integer(0); // PostgreSQL omits a zero ival
    return fallback;
}

bool PgNode::boolean() const
{
    if (!m_valid)
        return false;
    bool value = false;
    if (PgNodeAccess::element(*this).get_bool().get(value) == simdjson::SUCCESS)
        return value;
    if (is("Boolean"))
        return field("boolval").boolean();
    return false;
}

QList<PgNode> PgNode::list() const
{
    QList<PgNode> items;
    if (!m_valid)
        return items;
    if (is("List"))
        return field("items").list();
    simdjson::dom::array array;
    if (PgNodeAccess::element(*this).get_array().get(array) != simdjson::SUCCESS)
        return items;
    items.reserve(qsizetype(array.size()));
    for (const element item : array)
        items.append(PgNodeAccess::make(item));
    return items;
}

int PgNode::size() const
{
    if (!m_valid)
        return 0;
    if (is("List"))
        return field("items").size();
    simdjson::dom::array array;
    if (PgNodeAccess::element(*this).get_array().get(array) != simdjson::SUCCESS)
        return 0;
    return int(array.size());
}

int PgNode::location() const
{
    const PgNode value = field("location");
    return value.isInteger() ? int(value.integer()) : -1;
}

void PgNode::children(QList<PgNode> *out) const
{
    const element value = PgNodeAccess::element(*this);
    if (value.type() == element_type::ARRAY) {
        *out = list();
        return;
    }
    simdjson::dom::object fields;
    if (value.get_object().get(fields) != simdjson::SUCCESS)
        return;
    for (const auto field : fields) {
        const element_type kind = field.value.type();
        if (kind == element_type::OBJECT || kind == element_type::ARRAY)
            out->append(PgNodeAccess::make(field.value));
    }
}
