#!/usr/bin/env python3
"""Fills the singular and plural forms of the unfinished %n messages in an English .ts file.

"%n row(s)" becomes "%n row" / "%n rows", "Apply %n Migration(s)" becomes "Apply %n Migration" /
"Apply %n Migrations"; a source already written in the plural ("%n tables") gets its singular
from PLURAL_NOUNS. A message neither rule covers is left unfinished and named on stderr, so
the catalogue check (tst_translations) points at it. Finished messages are never touched: a
form corrected by hand stays.
"""
import html
import re
import sys

# Plural nouns that sources spell out in full, with their singular.
PLURAL_NOUNS = {
    "days": "day",
    "hours": "hour",
    "minutes": "minute",
    "seconds": "second",
    "tables": "table",
    "partitions": "partition",
    "findings": "finding",
    "problems": "problem",
    "groups": "group",
    "values": "value",
    "rows": "row",
    "items": "item",
}

# "(s)" and "(es)" after a word; "(ies)" after a stem ending in "y" is not used in the sources.
MARKER = re.compile(r"\((e?s)\)")
MESSAGE = re.compile(r'(<message numerus="yes">.*?</message>)', re.S)
SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
UNFINISHED = re.compile(r'<translation type="unfinished">.*?</translation>', re.S)


def forms(source):
    """(singular, plural) for a source text, or None when no rule applies."""
    if MARKER.search(source):
        return MARKER.sub("", source), MARKER.sub(lambda m: m.group(1), source)
    # The noun counted by %n: the first listed plural noun among the words that follow it.
    position = source.find("%n")
    if position < 0:
        return None
    head, tail = source[: position + 2], source[position + 2 :]
    words = re.split(r"(\W+)", tail)
    for index, word in enumerate(words[:8]):
        if word in PLURAL_NOUNS:
            singular = words[:index] + [PLURAL_NOUNS[word]] + words[index + 1 :]
            return head + "".join(singular), source
    # Nothing counted in the text itself ("%n applied", "… and %n more"): one form for both.
    if not re.search(r"[A-Za-z]+s\b", tail.split(".")[0][:40]):
        return source, source
    return None


def fill(match, missing):
    message = match.group(1)
    if not UNFINISHED.search(message):
        return message
    source = html.unescape(SOURCE.search(message).group(1))
    result = forms(source)
    if result is None:
        missing.append(source)
        return message
    indent = re.search(r"\n(\s*)<translation", message).group(1)
    inner = indent + "    "
    translation = (
        "<translation>\n"
        + "".join(
            f"{inner}<numerusform>{html.escape(form, quote=False)}</numerusform>\n"
            for form in result
        )
        + f"{indent}</translation>"
    )
    return UNFINISHED.sub(lambda _: translation, message)


def main(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    missing = []
    text = MESSAGE.sub(lambda m: fill(m, missing), text)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    for source in missing:
        print(f"{path}: no English forms for: {source!r} (fill them in by hand)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
