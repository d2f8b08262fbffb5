#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Converts between the three ways Slipway points into a script: UTF-8 byte offsets (what
// libpg_query reports), QString character offsets (UTF-16 code units, what the editor and the
// rest of the application use) and 1-based line/column pairs (what people read). Built once per
// text in O(n); each conversion is a binary search plus a walk of at most one checkpoint block.
// Immutable after construction, so it can be shared between threads.
class TextPositions
{
public:
    TextPositions() = default;
    TextPositions(const QString &text, const QByteArray &utf8);

    int charFromByte(int byteOffset) const;
    // The same for offsets visited in increasing order (statements of a script): each call
    // walks on from the previous one instead of from a checkpoint.
    struct Cursor
    {
        int byte = 0;
        int chars = 0;
    };
    int charFromByte(int byteOffset, Cursor *cursor) const;
    int byteFromChar(int charOffset) const;

    int lineCount() const { return int(m_lineStartChars.size()); }
    int lineOfChar(int charOffset) const;   // 1-based
    int columnOfChar(int charOffset) const; // 1-based, in characters
    int lineStartChar(int line) const;      // character offset of a 1-based line

private:
    QByteArray m_utf8;
    // Byte offset → character offset every CheckpointBytes bytes (at a character boundary).
    QList<int> m_checkpointBytes;
    QList<int> m_checkpointChars;
    QList<int> m_lineStartChars;
    int m_charCount = 0;
};
