#pragma once

#include <QJsonObject>

#include <array>

// Buffer counters of one plan node (EXPLAIN (BUFFERS)): shared, local and temp blocks hit, read,
// dirtied and written. PostgreSQL reports them inclusive of the node's children; metrics subtract.
class PlanBuffers
{
public:
    enum Counter {
        SharedHit,
        SharedRead,
        SharedDirtied,
        SharedWritten,
        LocalHit,
        LocalRead,
        LocalDirtied,
        LocalWritten,
        TempHit,
        TempRead,
        TempDirtied,
        TempWritten,
        CounterCount
    };

    static PlanBuffers fromProperties(const QJsonObject &properties);
    static QLatin1String key(Counter counter); // "Shared Hit Blocks", …

    double value(Counter counter) const { return m_values[counter]; }
    void setValue(Counter counter, double value) { m_values[counter] = value; }
    bool isEmpty() const; // every counter zero
    // Blocks the node touched: shared and local hits and reads plus temp reads and writes.
    double total() const;
    double sharedTotal() const { return m_values[SharedHit] + m_values[SharedRead]; }

    PlanBuffers &operator+=(const PlanBuffers &other);
    PlanBuffers &operator-=(const PlanBuffers &other);
    // Negative counters (rounding, or children counted by another node) become zero.
    void clampToZero();

private:
    std::array<double, CounterCount> m_values{};
};
