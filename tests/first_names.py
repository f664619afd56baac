#!/usr/bin/env python3
"""Writes data/first_names.txt, discovery's first-name gazetteer.

Source: nam_dict.txt (Jörg Michael, GNU FDL 1.2 or later) as shipped in the
PyPI package gender-guesser 0.4.0. Every given name of every country in it,
one word long (no spaces, hyphens or '+'), NFC, lower case, diacritics kept,
then filtered for precision: a name is dropped when it is

- two letters or fewer;
- a lower-case Dutch word (OpenTaal's list, Debian package wdutch:
  /usr/share/dict/dutch): "kant", "staat", "wil", "mark", "roos";
- seen in lower case in the bundled texts (data/corpus, tests/articles,
  tests/dev; never tests/held-out);
- a word of the language data (every string of data/nl/**/*.toml except the
  hand-written first_names and the example sentences, and the words of every non-person actor of
  data/actors.toml and data/countries.toml: names, aliases, demonyms,
  people nouns).

A name that nam_dict marks as common in Belgium or the Netherlands
(frequency 6 or more of 13) is kept although it is a lower-case Dutch word
or a word of an actor's name ("peter", "frank", "kees", "vincent": Dutch
readers know them as names first), unless it is a verb that opens a
question before a name ("Wil Poetin ...?", "Ben ...").

Hand additions belong in data/nl/discovery.toml `first_names`, which is
not filtered: both lists count.

    pip download gender-guesser==0.4.0 --no-deps -d /tmp/names-src
    (cd /tmp/names-src && unzip -o -q gender_guesser-0.4.0-py2.py3-none-any.whl)
    apt-get install wdutch
    python3 tests/first_names.py /tmp/names-src/gender_guesser/data/nam_dict.txt > data/first_names.txt
"""

import pathlib
import re
import sys
import tomllib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W\d_]+")

HEADER = """\
# First names for actor discovery (src/discover.rs): a capitalised name of
# two or more parts whose first word is one of these is a person.
# One name a line, lower case, NFC, sorted by code point, then after a
# space "m" or "f" when the name is only a man's or only a woman's (the
# gender pronouns such as "zij" resolve by); '#' lines are comments. Hand
# additions go in nl/discovery.toml `first_names`.
#
# Derived from nam_dict.txt, "List of first names and gender",
# Copyright (c) 2007-2008 Jörg MICHAEL, as shipped in the PyPI package
# gender-guesser 0.4.0 (gender_guesser/data/nam_dict.txt).
# nam_dict.txt is subject to the GNU Free Documentation License, Version 1.2
# or any later version, with no Invariant Sections, no Front-Cover Texts
# and no Back-Cover Texts; so is this list, a modified version of it
# (GFDL section 4): its text is in first_names.LICENSE beside this file.
# Modifications: the given names of all countries, one word long, in
# lower case, without the names that are two letters or fewer, lower-case
# Dutch words (OpenTaal word list, Debian wdutch {wdutch}), words seen in
# lower case in the bundled texts, or words of the language data.
#
# Modified by the actorgraph authors; made by tests/first_names.py (see
# there for the commands).
"""


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            # Examples are sentences with names in them, not vocabulary.
            if key not in ("first_names", "example", "name_example"):
                yield from strings(item)


def words(text):
    return {w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text))}


# nam_dict.txt's gender codes: M and F a male and a female name, 1M and 1F
# one as the first part of a name (which is how discovery reads it); ?M, ?F
# and ? a unisex name. A name gets "m" or "f" only when every line of it
# says that gender for sure; one unisex or other-gender line leaves it
# without one.
GENDERS = {"M": "m", "1M": "m", "F": "f", "1F": "f"}


# nam_dict.txt's frequency columns (0-based) for Belgium and the Netherlands:
# one hexadecimal digit, 1 rare to D extremely common.
LOW_COUNTRIES = (38, 40)
COMMON = 6
QUESTION_VERBS = {"wil", "ben"}


def entries(path):
    """nam_dict.txt's name lines: (line, name in NFC)."""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\r\n")
        if not line or line.startswith("#") or line.startswith("="):
            continue
        # Column 30 '+': the same name sorted with expanded umlauts, a copy.
        if len(line) > 29 and line[29] == "+":
            continue
        yield line, unicodedata.normalize("NFC", line[3:29].strip())


def common_in_low_countries(path):
    common = set()
    for line, name in entries(path):
        digits = [line[c] for c in LOW_COUNTRIES if len(line) > c and line[c].strip()]
        if any(int(d, 16) >= COMMON for d in digits) and name.lower() not in QUESTION_VERBS:
            common.add(name.lower())
    return common


def given_names(path):
    names = {}
    for line, name in entries(path):
        if WORD.fullmatch(name):
            gender = GENDERS.get(line[:2].strip())
            names.setdefault(name.lower(), set()).add(gender)
    return {name: (g.pop() if len(g) == 1 else None) for name, g in names.items()}


def main():
    names = given_names(sys.argv[1])
    common = common_in_low_countries(sys.argv[1])
    dutch_path = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/dict/dutch"
    dutch = {
        w
        for w in (l.strip() for l in open(dutch_path, encoding="utf-8"))
        if w and w == w.lower()
    }
    lowercase = set()
    texts = [ROOT / "data/corpus", ROOT / "tests/articles", ROOT / "tests/dev"]
    for folder in texts:
        for path in sorted(folder.glob("*.txt")):
            for word in WORD.findall(path.read_text(encoding="utf-8")):
                if word == word.lower():
                    lowercase.add(unicodedata.normalize("NFC", word))
    language = set()
    for path in sorted((ROOT / "data/nl").rglob("*.toml")):
        for text in strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            language |= words(text)
    actor_words = set()
    for name in ["actors.toml", "countries.toml"]:
        for actor in tomllib.loads((ROOT / "data" / name).read_text(encoding="utf-8"))["actor"]:
            if actor.get("type") == "person":
                continue
            for key in ["name", "aliases", "demonyms", "people"]:
                for text in strings(actor.get(key, [])):
                    actor_words |= words(text)
    kept = sorted(
        n
        for n in names
        if len(n) > 2
        and n not in lowercase
        and n not in language
        and (n in common or (n not in dutch and n not in actor_words))
    )
    version = "unknown"
    try:
        import subprocess

        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "wdutch"],
            capture_output=True,
            text=True,
        ).stdout.strip() or version
    except OSError:
        pass
    sys.stdout.write(HEADER.format(wdutch=version))
    sys.stdout.write("".join(n + (" " + names[n] if names[n] else "") + "\n" for n in kept))
    print(f"{len(names)} names, {len(kept)} kept", file=sys.stderr)


if __name__ == "__main__":
    main()
