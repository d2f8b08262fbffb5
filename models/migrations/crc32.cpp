#include "crc32.h"

#include <array>

namespace {

std::array<quint32, 256> table()
{
    std::array<quint32, 256> entries{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        entries[i] = c;
    }
    return entries;
}

} // namespace

quint32 Crc32::of(const QByteArray &bytes)
{
    static const std::array<quint32, 256> entries = table();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : bytes)
        crc = entries[(crc ^ static_cast<quint8>(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}
