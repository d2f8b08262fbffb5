#include "sqlkeywords.h"

#include <QtGlobal>

#include <cstddef>
#include <cstdint>

// libpg_query exports PostgreSQL's keyword table (src/common/keywords.c) but installs no header
// for it, and its public API has no keyword list. The layout below is PostgreSQL's
// ScanKeywordList (src/include/common/kwlookup.h), unchanged since PostgreSQL 12; all() checks
// every entry with the library's own ScanKeywordLookup, so a changed layout gives an empty
// list (and failing tests) rather than garbage.
extern "C" {
struct ScanKeywordList
{
    const char *kw_string;             // all key words, each ending in '\0'
    const std::uint16_t *kw_offsets;   // where each starts in kw_string
    int (*hash)(const void *, size_t); // perfect hash of a key word
    int num_keywords;
    int max_kw_len;
};
extern const ScanKeywordList ScanKeywords;
extern const std::uint8_t ScanKeywordCategories[];
int ScanKeywordLookup(const char *word, const ScanKeywordList *keywords);
}

namespace SqlKeywords {

namespace {

QList<Keyword> readLibraryTable()
{
    QList<Keyword> keywords;
    const int count = ScanKeywords.num_keywords;
    if (count <= 0 || count > 2000)
        return {};
    keywords.reserve(count);
    for (int i = 0; i < count; ++i) {
        const char *word = ScanKeywords.kw_string + ScanKeywords.kw_offsets[i];
        const std::uint8_t category = ScanKeywordCategories[i];
        if (ScanKeywordLookup(word, &ScanKeywords) != i || category > 3) {
            qWarning("libpg_query's keyword table is not laid out as expected; "
                     "no key words are highlighted");
            return {};
        }
        keywords.append({QByteArray(word), Category(category)});
    }
    return keywords;
}

} // namespace

const QList<Keyword> &all()
{
    static const QList<Keyword> keywords = readLibraryTable();
    return keywords;
}

bool isKeyword(const QByteArray &word)
{
    return !all().isEmpty() && ScanKeywordLookup(word.constData(), &ScanKeywords) >= 0;
}

} // namespace SqlKeywords
