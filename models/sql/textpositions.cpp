#include "textpositions.h"

#include <algorithm>

namespace {
constexpr int CheckpointBytes = 1024;

bool isContinuationByte(char byte)
{
    return (uchar(byte) & 0xC0) == 0x80;
}

// UTF-16 code units of the character whose UTF-8 lead byte is `lead`.
int unitsOfLead(char lead)
{
    return uchar(lead) >= 0xF0 ? 2 : 1;
}
} // namespace

TextPositions::TextPositions(const QString &text, const QByteArray &utf8)
    : m_utf8(utf8)
    , m_charCount(int(text.size()))
{
    m_lineStartChars.append(0);
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n'))
            m_lineStartChars.append(i + 1);
    }
    int chars = 0;
    for (int byte = 0; byte < utf8.size(); ++byte) {
        const char c = utf8.at(byte);
        if (isContinuationByte(c))
            continue;
        if (byte >= int(m_checkpointBytes.size()) * CheckpointBytes) {
            m_checkpointBytes.append(byte);
            m_checkpointChars.append(chars);
        }
        chars += unitsOfLead(c);
    }
    if (m_checkpointBytes.isEmpty()) {
        m_checkpointBytes.append(0);
        m_checkpointChars.append(0);
    }
}

int TextPositions::charFromByte(int byteOffset) const
{
    if (byteOffset <= 0)
        return 0;
    if (byteOffset >= m_utf8.size())
        return m_charCount;
    const auto it = std::upper_bound(m_checkpointBytes.cbegin(),
                                     m_checkpointBytes.cend(),
                                     byteOffset);
    const qsizetype block = std::distance(m_checkpointBytes.cbegin(), it) - 1;
    int chars = m_checkpointChars.at(block);
    for (int byte = m_checkpointBytes.at(block); byte < byteOffset; ++byte) {
        const char c = m_utf8.at(byte);
        if (!isContinuationByte(c))
            chars += unitsOfLead(c);
    }
    return chars;
}

int TextPositions::charFromByte(int byteOffset, Cursor *cursor) const
{
    if (byteOffset < cursor->byte || byteOffset - cursor->byte > CheckpointBytes) {
        cursor->byte = qBound(0, byteOffset, int(m_utf8.size()));
        cursor->chars = charFromByte(cursor->byte);
        return cursor->chars;
    }
    const int end = qMin(byteOffset, int(m_utf8.size()));
    for (int byte = cursor->byte; byte < end; ++byte) {
        const char c = m_utf8.at(byte);
        if (!isContinuationByte(c))
            cursor->chars += unitsOfLead(c);
    }
    cursor->byte = end;
    return byteOffset >= m_utf8.size() ? m_charCount : cursor->chars;
}

int TextPositions::byteFromChar(int charOffset) const
{
    if (charOffset <= 0)
        return 0;
    if (charOffset >= m_charCount)
        return int(m_utf8.size());
    const auto it = std::upper_bound(m_checkpointChars.cbegin(),
                                     m_checkpointChars.cend(),
                                     charOffset);
    const qsizetype block = std::distance(m_checkpointChars.cbegin(), it) - 1;
    int chars = m_checkpointChars.at(block);
    int byte = m_checkpointBytes.at(block);
    while (byte < m_utf8.size()) {
        const char c = m_utf8.at(byte);
        if (!isContinuationByte(c)) {
            if (chars >= charOffset)
                break;
            chars += unitsOfLead(c);
        }
        ++byte;
    }
    return byte;
}

int TextPositions::lineOfChar(int charOffset) const
{
    const auto it = std::upper_bound(m_lineStartChars.cbegin(), m_lineStartChars.cend(), charOffset);
    return int(std::distance(m_lineStartChars.cbegin(), it));
}

int TextPositions::columnOfChar(int charOffset) const
{
    return charOffset - lineStartChar(lineOfChar(charOffset)) + 1;
}

int TextPositions::lineStartChar(int line) const
{
    if (line <= 1)
        return 0;
    if (line > m_lineStartChars.size())
        return m_charCount;
    return m_lineStartChars.at(line - 1);
}
