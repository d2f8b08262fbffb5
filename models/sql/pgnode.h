#pragma once

#include <QList>
#include <QString>

#include <cstddef>
#include <string_view>

// Read-only view of one node of a libpg_query JSON parse tree (PostgreSQL 15 node names, e.g.
// {"AlterTableStmt": {"relation": {...}, "cmds": [...]}}). A node value is either a wrapper
// object with one capitalised key (the node type) or a plain struct object; field() looks
// through the wrapper, so rules read `stmt.field("relation").field("relname")` whatever the
// shape. A missing field gives a null node, and every accessor on a null node returns an empty
// value, so rules never check for presence step by step.
//
// The simdjson DOM element behind it stays out of this header (it costs seconds of compile time
// per file): the element is kept as opaque bytes. A PgNode is valid as long as the ParsedScript
// that produced it. Cheap to copy; safe to read from any thread.
class PgNode
{
public:
    PgNode() = default;

    bool isNull() const { return !m_valid; }
    explicit operator bool() const { return m_valid; }

    // The node type of a wrapper ("AlterTableStmt"); empty for plain objects and scalars.
    std::string_view type() const { return m_type; }
    bool is(std::string_view nodeType) const { return type() == nodeType; }

    PgNode field(std::string_view key) const;
    PgNode operator[](std::string_view key) const { return field(key); }
    bool has(std::string_view key) const { return !field(key).isNull(); }

    // Scalars. string() of a {"String": {"sval": …}} node is its sval.
    std::string_view view() const;
    QString string() const { return QString::fromUtf8(view().data(), qsizetype(view().size())); }
    long long integer(long long fallback = 0) const;
    bool boolean() const;
    bool isString() const;
    bool isInteger() const;

    // Array elements, or the items of a {"List": {"items": […]}} node (empty for anything else).
    QList<PgNode> list() const;
    int size() const;

    // The "location" field (byte offset in the text that was parsed), or -1.
    int location() const;

    // Calls visit(node) for this node and every node below it, depth first, while it returns true.
    template<typename Visitor>
    void walk(Visitor &&visit) const;

private:
    friend class PgNodeAccess;
    bool m_valid = false;
    // A wrapper is unwrapped once, when the node is made: m_element is then the wrapped object
    // and m_type its node type. Rules ask for a node's type and fields many times.
    std::string_view m_type;
    alignas(8) unsigned char m_element[16] = {};

    void children(QList<PgNode> *out) const;
};

template<typename Visitor>
void PgNode::walk(Visitor &&visit) const
{
    if (isNull() || !visit(*this))
        return;
    QList<PgNode> below;
    children(&below);
    for (const PgNode &child : std::as_const(below))
        child.walk(visit);
}
