#include "sqlscript.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace {

// Length of the UTF-8 sequence starting at `i` when it is well formed (PostgreSQL's
// pg_utf8_islegal: no overlong forms, no surrogates, nothing above U+10FFFF), else 0.
int sequenceLength(const QByteArray &bytes, qsizetype i)
{
    const uchar lead = uchar(bytes.at(i));
    int length = 0;
    uchar low = 0x80; // range of the second byte; later ones are always 0x80..0xBF
    uchar high = 0xBF;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0; // overlong below
        else if (lead == 0xED)
            high = 0x9F; // UTF-16 surrogates above
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F; // above U+10FFFF
    } else {
        return 0; // a continuation byte, C0/C1 (overlong) or F5..FF
    }
    if (i + length > bytes.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const uchar byte = uchar(bytes.at(i + k));
        if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF))
            return 0;
    }
    return length;
}

SqlFile::Problem problemAt(const QByteArray &bytes, qsizetype offset, const QString &message)
{
    SqlFile::Problem problem;
    problem.offset = offset;
    problem.message = message;
    // (lastIndexOf from -1 would search from the end.)
    const qsizetype lineStart = offset == 0 ? 0 : bytes.lastIndexOf('\n', offset - 1) + 1;
    problem.line = int(bytes.left(lineStart).count('\n')) + 1;
    // Everything before the offset is valid UTF-8, so it decodes to the text's own characters.
    problem.column = int(QString::fromUtf8(bytes.mid(lineStart, offset - lineStart)).size()) + 1;
    return problem;
}

} // namespace

SqlFile::Problem SqlFile::check(const QByteArray &bytes)
{
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
        return problemAt(
            bytes,
            0,
            QCoreApplication::translate("SqlFile",
                                        "is UTF-16 text (it starts with a UTF-16 byte order mark); "
                                        "save it as UTF-8"));
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const char c = bytes.at(i);
        if (c == '\0')
            return problemAt(bytes,
                             i,
                             QCoreApplication::translate(
                                 "SqlFile",
                                 "contains a NUL byte at byte offset %1 (a binary or UTF-16 "
                                 "file?); PostgreSQL accepts no NUL in SQL text")
                                 .arg(i));
        const int length = sequenceLength(bytes, i);
        if (length == 0)
            return problemAt(bytes,
                             i,
                             QCoreApplication::translate(
                                 "SqlFile",
                                 "invalid UTF-8 at byte offset %1 (byte 0x%2); PostgreSQL "
                                 "rejects it in a UTF8 database: save the file as UTF-8")
                                 .arg(i)
                                 .arg(uint(uchar(c)), 2, 16, QLatin1Char('0')));
        i += length;
    }
    return {};
}

bool SqlFile::read(const QString &path, QString *text, QString *error)
{
    // Qt refuses to open a folder too, but with a message that does not say so plainly.
    if (QFileInfo(path).isDir()) {
        *error = QCoreApplication::translate("SqlFile", "%1: is a folder, not a SQL file").arg(path);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("SqlFile", "%1: cannot read the file (%2)")
                     .arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = QCoreApplication::translate("SqlFile", "%1: cannot read the file (%2)")
                     .arg(path, file.errorString());
        return false;
    }
    const Problem problem = check(bytes);
    if (!problem.isNull()) {
        *error = QStringLiteral("%1:%2:%3: %4")
                     .arg(path,
                          QString::number(problem.line),
                          QString::number(problem.column),
                          problem.message);
        return false;
    }
    *text = QString::fromUtf8(bytes);
    return true;
}

SqlScript::SqlScript(const QString &text,
                     const QByteArray &utf8,
                     const QByteArray &parserText,
                     QList<SqlStatement> statements,
                     const TextPositions &positions)
    : m_text(text)
    , m_utf8(utf8)
    , m_parserText(parserText)
    , m_statements(std::move(statements))
    , m_positions(positions)
{}

QString SqlScript::textOf(const SqlStatement &statement) const
{
    return m_text.mid(statement.start, statement.length);
}

QByteArray SqlScript::parserTextOf(const SqlStatement &statement) const
{
    return m_parserText.mid(statement.byteStart, statement.byteLength);
}

int SqlScript::sqlStatementAt(int charOffset) const
{
    int best = -1;
    for (int i = 0; i < m_statements.size(); ++i) {
        const SqlStatement &statement = m_statements.at(i);
        if (!statement.isSql())
            continue;
        if (statement.start > charOffset && best >= 0)
            break;
        best = i;
        if (charOffset <= statement.end())
            break;
    }
    return best;
}

void SqlScript::setSyntaxError(const QString &message, int byteOffset)
{
    m_syntaxError = message;
    m_syntaxErrorByte = byteOffset;
}
