#!/usr/bin/env python3
"""Writes rules/stopwords-LANG.txt from spaCy's per-language stop-word lists.

Usage: python3 scripts/stopwords.py SPACY_DIR
SPACY_DIR holds spaCy's `spacy/lang/LANG/stop_words.py` files, for example a
spaCy wheel unpacked with `pip download spacy --no-deps` and `unzip`.
Each list is loaded as spaCy defines it (`STOP_WORDS`), reduced to the
entries that are one word as Winnow counts words (see docs/rules.md,
`when`): for languages written with spaces, letters, marks and digits with
apostrophes or hyphens only inside; for zh and ja, Han and kana only. The
entries are lowercased, sorted and written one a line after a header naming
the source and licence.
"""
import pathlib
import sys
import unicodedata

LANGUAGES = "de en es fr it ja nl pl pt ru vi zh".split()
NO_SPACE = {"zh", "ja"}


def is_han_or_kana(ch):
    code = ord(ch)
    return (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3134F or 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF
            or 0xFF66 <= code <= 0xFF9F or 0x3005 <= code <= 0x3007)


def is_word_char(ch):
    return unicodedata.category(ch)[0] in "LMN" and not is_han_or_kana(ch)


def is_one_word(entry, language):
    if language in NO_SPACE:
        return all(is_han_or_kana(ch) for ch in entry)
    if not entry or not is_word_char(entry[0]) or not is_word_char(entry[-1]):
        return False
    for index, ch in enumerate(entry):
        if is_word_char(ch):
            continue
        if ch in "'’-‐‑" and is_word_char(entry[index - 1]) and is_word_char(entry[index + 1]):
            continue
        return False
    return True


def main():
    source = pathlib.Path(sys.argv[1])
    metadata = next(source.glob("spacy-*.dist-info/METADATA"), None)
    version = next((line.split(":", 1)[1].strip() for line in metadata.read_text().splitlines()
                    if line.startswith("Version:")), "?") if metadata else "?"
    out = pathlib.Path(__file__).resolve().parent.parent / "rules"
    for language in LANGUAGES:
        namespace = {}
        exec((source / "spacy" / "lang" / language / "stop_words.py").read_text(encoding="utf-8"), namespace)
        words = sorted({w.lower() for w in namespace["STOP_WORDS"] if is_one_word(w, language)})
        header = [
            f"# Stop words for '{language}', from spaCy {version}, spacy/lang/{language}/stop_words.py",
            "# (https://github.com/explosion/spaCy), MIT License; see stopwords-LICENSE.txt.",
            "# Kept: the entries that are one word as Winnow counts words (docs/rules.md).",
        ]
        if language == "vi":
            header.append("# spaCy takes this list from https://github.com/stopwords/vietnamese-stopwords;"
                          " entries of several syllables are left out.")
        (out / f"stopwords-{language}.txt").write_text("\n".join(header + words) + "\n", encoding="utf-8")
        print(language, len(words))


if __name__ == "__main__":
    main()
