#pragma once

#include "pgnode.h"

#include <simdjson.h>

#include <cstring>

// The bridge between PgNode's opaque bytes and simdjson's DOM element. Included only by the few
// .cpp files that build or read nodes (simdjson.h is heavy to compile).
class PgNodeAccess
{
public:
    static_assert(sizeof(simdjson::dom::element) <= sizeof(PgNode::m_element),
                  "PgNode must be able to hold a simdjson element");
    static_assert(std::is_trivially_copyable_v<simdjson::dom::element>,
                  "simdjson elements are copied as bytes");

    static PgNode make(const simdjson::dom::element &element)
    {
        PgNode node;
        simdjson::dom::element stored = element;
        // {"NodeType": {...}}: one key, capitalised, with an object value.
        simdjson::dom::object object;
        if (element.get_object().get(object) == simdjson::SUCCESS && object.size() == 1) {
            const auto field = *object.begin();
            if (!field.key.empty() && field.key[0] >= 'A' && field.key[0] <= 'Z'
                && field.value.type() == simdjson::dom::element_type::OBJECT) {
                node.m_type = field.key;
                stored = field.value;
            }
        }
        std::memcpy(node.m_element, &stored, sizeof stored);
        node.m_valid = true;
        return node;
    }

    static simdjson::dom::element element(const PgNode &node)
    {
        simdjson::dom::element element;
        std::memcpy(&element, node.m_element, sizeof element);
        return element;
    }
};
