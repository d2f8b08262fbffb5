#pragma once

#include <QByteArray>
#include <QtGlobal>

// CRC-32 with the IEEE 802.3 polynomial, as java.util.zip.CRC32 (Flyway's checksums) and Go's
// crc32.ChecksumIEEE (golang-migrate's lock keys) compute it.
namespace Crc32 {
quint32 of(const QByteArray &bytes);
} // namespace Crc32
