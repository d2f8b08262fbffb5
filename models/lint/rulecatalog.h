#pragma once

#include "ruleinfo.h"

#include <QList>
#include <QString>

#include <optional>

class RuleFamily;

// Every rule Slipway knows, by family. Rule ids follow squawk's names; squawk's spelling of a
// renamed rule (prefer-timestamptz) is accepted wherever an id is read (suppression comments,
// slipway.json, --explain). Thread-safe: the families are immutable singletons.
namespace RuleCatalog {

const QList<const RuleFamily *> &families();
QList<RuleInfo> rules(); // sorted by id, texts in the current language
std::optional<RuleInfo> rule(const QString &id);
// The id for `id` or one of its aliases; empty when unknown.
QString canonicalId(const QString &id);

} // namespace RuleCatalog
