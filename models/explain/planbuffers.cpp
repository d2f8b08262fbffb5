#include "planbuffers.h"

#include <algorithm>

QLatin1String PlanBuffers::key(Counter counter)
{
    static constexpr const char *names[CounterCount] = {"Shared Hit Blocks",
                                                        "Shared Read Blocks",
                                                        "Shared Dirtied Blocks",
                                                        "Shared Written Blocks",
                                                        "Local Hit Blocks",
                                                        "Local Read Blocks",
                                                        "Local Dirtied Blocks",
                                                        "Local Written Blocks",
                                                        "Temp Hit Blocks",
                                                        "Temp Read Blocks",
                                                        "Temp Dirtied Blocks",
                                                        "Temp Written Blocks"};
    return QLatin1String(names[counter]);
}

PlanBuffers PlanBuffers::fromProperties(const QJsonObject &properties)
{
    PlanBuffers buffers;
    for (int c = 0; c < CounterCount; ++c)
        buffers.m_values[c] = properties.value(key(Counter(c))).toDouble();
    return buffers;
}

bool PlanBuffers::isEmpty() const
{
    return std::all_of(m_values.begin(), m_values.end(), [](double v) { return v == 0; });
}

double PlanBuffers::total() const
{
    return m_values[SharedHit] + m_values[SharedRead] + m_values[LocalHit] + m_values[LocalRead]
           + m_values[TempRead] + m_values[TempWritten];
}

PlanBuffers &PlanBuffers::operator+=(const PlanBuffers &other)
{
    for (int c = 0; c < CounterCount; ++c)
        m_values[c] += other.m_values[c];
    return *this;
}

PlanBuffers &PlanBuffers::operator-=(const PlanBuffers &other)
{
    for (int c = 0; c < CounterCount; ++c)
        m_values[c] -= other.m_values[c];
    return *this;
}

void PlanBuffers::clampToZero()
{
    for (double &v : m_values)
        v = std::max(0.0, v);
}
