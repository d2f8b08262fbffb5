#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Reads the property lines of EXPLAIN's text format into the properties the JSON format gives:
// "Buffers: shared hit=3 read=1, temp written=7" becomes "Shared Hit Blocks", "Shared Read
// Blocks", "Temp Written Blocks"; "Sort Method: quicksort  Memory: 25kB" becomes "Sort Method",
// "Sort Space Type" and "Sort Space Used"; "Output: a, b" a list; and any other "Key: value"
// line is kept under its own key, as a number, a boolean or text. Pure functions; thread-safe.
class PlanTextProperty
{
public:
    // Applies one line (without indentation) to target. nodeType disambiguates lines whose
    // meaning depends on the node ("Batches:" of a Hash versus a HashAggregate). False when
    // the line is not a property at all.
    static bool apply(const QString &line, const QString &nodeType, QJsonObject *target);

    // Splits "a, f(b, c), 'x,y'" at the commas outside brackets and quotes.
    static QStringList splitList(const QString &value);
    // "work_mem = '3MB', jit = 'off'" → {"work_mem": "3MB", "jit": "off"}.
    static QJsonObject parseSettings(const QString &value);
    // The "JIT:" block's lines ("Functions: 4", "Options: …", "Timing: …").
    static bool applyJit(const QString &line, QJsonObject *jit);
    // "Trigger name for constraint c on t: time=1.2 calls=3" → a "Triggers" entry. Without
    // VERBOSE a constraint's trigger is "Trigger for constraint c …", and the entry has a
    // "Constraint Name" but no "Trigger Name" (the text does not give it).
    static bool parseTrigger(const QString &line, QJsonObject *trigger);

private:
    static bool applyBuffers(const QString &value, QJsonObject *target);
    static bool applyIoTimings(const QString &value, QJsonObject *target);
    static bool applySpecial(const QString &key,
                             const QString &value,
                             const QString &nodeType,
                             QJsonObject *target);
};
