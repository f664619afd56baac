#!/usr/bin/env python3
"""Checks data/places.toml, the gazetteer of places (type "location").

    python3 tests/places_check.py

Exits 1 and lists every problem when:

- an entry has a field other than name, type, aliases, country, a type other
  than "location", an empty or padded spelling, or a spelling written all in
  lower case (the matcher would then take it in any case);
- a spelling (name or alias, compared case-insensitively) appears twice in
  places.toml, or equals a name, alias, demonym or people noun of
  data/countries.toml or data/actors.toml;
- two names, in the three files together, have the same slug (the node id);
- a `country` is not a country's `name` in data/countries.toml;
- the file is not three sections (`# --- capitals`, `# --- cities`,
  `# --- regions`), each sorted by name (case, accents and punctuation
  ignored);
- a country has no capital among the capitals and is not in CAPITAL_ELSEWHERE
  or CAPITAL_LEFT_OUT below;
- a spelling is a lower-case Dutch word (/usr/share/dict/dutch, Debian's
  wdutch; skipped when it is not installed) or a first name of
  data/first_names.txt and is not in KEPT_WORDS or KEPT_FIRST_NAMES below,
  where each was judged by hand; an entry there that no spelling needs any
  more is a problem too.
"""

import pathlib
import re
import sys
import tomllib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DICTIONARY = pathlib.Path("/usr/share/dict/dutch")

SECTIONS = ["capitals", "cities", "regions"]
FIELDS = {"name", "type", "aliases", "country"}

# Countries whose seat of government is in data/actors.toml, not here.
CAPITAL_ELSEWHERE = {
    "Frankrijk": "Parijs",
    "Kazachstan": "Nur-Sultan",
    "Oekraïne": "Kiev",
    "Rusland": "Moskou",
    "Sovjet-Unie": "Moskou",
}

# Countries whose capital is left out on purpose, and why.
CAPITAL_LEFT_OUT = {
    "Bahama's": "Nassau: also the house of Oranje-Nassau",
    "Bulgarije": "Sofia: a frequent first name",
    "Djibouti": "Djibouti: the country's name",
    "Guyana": "Georgetown: also the university and the Washington district",
    "Kaapverdië": "Praia: Portuguese for beach, common in travel text",
    "Maldiven": "Male: an English and Dutch word (male)",
    "Monaco": "Monaco: the country's name",
    "San Marino": "San Marino: the country's name",
    "Seychellen": "Victoria: a frequent first name (and the queen)",
    "Singapore": "Singapore: the country's name",
    "Vaticaanstad": "Vaticaanstad: the country's name",
}

# Capitals without a `country` (their status is disputed), by country.
CAPITAL_WITHOUT_COUNTRY = {"Israël": "Jeruzalem"}

# Spellings that are also a lower-case word of /usr/share/dict/dutch, kept
# because the word is rare, or is the place itself, or only a capital letter
# can make it match and the word hardly ever opens a sentence.
KEPT_WORDS = {
    "Bazel",  # bazel: rare verb form (bazelen)
    "Beieren",  # beieren: rare verb (to chime bells), seldom sentence-initial
    "Bloemfontein",  # the dictionary lists the place in lower case
    "Boston",  # boston: an old dance
    "Curaçao",  # curaçao: the liqueur, named after the island
    "Gent",  # gent: rare (a dandy)
    "Havanna",  # havanna: the cigar, named after the city
    "Madras",  # madras: the cloth, named after the city
    "Manchester",  # manchester: corduroy, named after the city
    "Manilla",  # manilla: the hemp, named after the city
    "Milaan",  # milaan: a bird of prey, rare
    "Mekka",  # mekka: "a mecca for", lower case in Dutch
    "Molenbeek",  # the dictionary lists the place in lower case
    "Nablus",  # the dictionary lists the place in lower case
    "Noordpool",  # the place itself
    "Noordpoolgebied",  # the place itself
    "Porto",  # porto: postage, old-fashioned
    "Pretoria",  # the dictionary lists the place in lower case
    "Rabat",  # rabat: rare (a discount; a collar band)
    "Wellington",  # wellington: the boot
    "Wenen",  # wenen: literary verb (to weep), seldom sentence-initial
    "Windhoek",  # the dictionary lists the place in lower case
    "Zeeland",  # the place itself (zeeland: rare common noun)
    "Groenland",  # the place itself
}

# Spellings that are also in data/first_names.txt (a list of given names of
# every country), kept because as a first name they are rare in Dutch news
# while the place is common; frequent first names (Sofia, Victoria,
# Florence, Charlotte, Austin, Orlando, Adelaide, Milan, Alexandria, Tanja,
# Saida) are left out instead.
KEPT_FIRST_NAMES = {
    "Aden", "Asunción", "Basel", "Basra", "Bratislava", "Breda", "Colombo",
    "Constanţa", "Doha", "Erbil", "Golan", "Haifa", "Kashmir", "Lille", "Lima",
    "London", "Manila", "Odessa", "Rafah", "Riga", "Riyad", "Riyadh", "Sanaa",
    "Sydney", "Tokio", "Valencia", "Xian", "Yaren",
}


def key(name):
    """Sort key: case, accents and punctuation ignored."""
    decomposed = unicodedata.normalize("NFD", name).casefold()
    return "".join(c for c in decomposed if c.isalnum() or c == " ")


def slug(name):
    """The node id, as src/actor.rs `slug` makes it."""
    out, pending = [], False
    for c in name:
        for lower in c.lower():
            if lower.isalnum():
                if pending and out:
                    out.append("-")
                pending = False
                out.append(lower)
            else:
                pending = True
    return "".join(out)


def load(path):
    with open(path, "rb") as f:
        return tomllib.load(f).get("actor", [])


def main():
    problems = []
    countries = load(DATA / "countries.toml")
    actors = load(DATA / "actors.toml")
    places_path = DATA / "places.toml"
    places = load(places_path)
    text = places_path.read_text(encoding="utf-8")

    country_names = {c["name"] for c in countries}

    # Spellings of the other two files.
    taken = {}
    for file, entries in [("countries.toml", countries), ("actors.toml", actors)]:
        for entry in entries:
            for field in ["name", "aliases", "demonyms", "people"]:
                values = entry.get(field, [])
                for value in [values] if isinstance(values, str) else values:
                    taken.setdefault(value.casefold(), f"{file}: {entry['name']}")

    # Fields, type, spellings.
    seen = {}
    for place in places:
        name = place.get("name", "?")
        for field in sorted(set(place) - FIELDS):
            problems.append(f"{name}: unknown field {field!r}")
        if place.get("type") != "location":
            problems.append(f"{name}: type is {place.get('type')!r}, not 'location'")
        aliases = place.get("aliases")
        if not isinstance(aliases, list):
            problems.append(f"{name}: aliases missing or not a list")
            aliases = []
        country = place.get("country")
        if country is not None and country not in country_names:
            problems.append(f"{name}: country {country!r} is not in countries.toml")
        for spelling in [name] + aliases:
            if not isinstance(spelling, str) or not spelling or spelling != spelling.strip():
                problems.append(f"{name}: bad spelling {spelling!r}")
                continue
            if not any(c.isupper() for c in spelling):
                problems.append(f"{name}: {spelling!r} is all lower case")
            folded = spelling.casefold()
            if folded in seen:
                problems.append(f"{spelling!r} ({name}) is also in places.toml: {seen[folded]}")
            else:
                seen[folded] = name
            if folded in taken:
                problems.append(f"{spelling!r} ({name}) is also in {taken[folded]}")

    # Slugs across the three files.
    slugs = {}
    for file, entries in [("countries.toml", countries), ("actors.toml", actors), ("places.toml", places)]:
        for entry in entries:
            s = slug(entry["name"])
            if s in slugs:
                problems.append(f"{entry['name']} ({file}): slug {s!r} is also {slugs[s]}")
            else:
                slugs[s] = f"{entry['name']} ({file})"

    # Sections: the names under each `# --- section` comment, in file order.
    sections = []
    for line in text.splitlines():
        m = re.match(r"# --- (\w+)", line)
        if m:
            sections.append((m.group(1), []))
        m = re.match(r'name = "(.*)"$', line)
        if m:
            if not sections:
                problems.append(f"{m.group(1)}: before the first section")
            else:
                sections[-1][1].append(m.group(1).replace('\\"', '"'))
    if [s for s, _ in sections] != SECTIONS:
        problems.append(f"sections are {[s for s, _ in sections]}, not {SECTIONS}")
    if sum(len(names) for _, names in sections) != len(places):
        problems.append("the section scan and the TOML parser count different entries")
    for section, names in sections:
        for a, b in zip(names, names[1:]):
            if key(a) >= key(b):
                problems.append(f"{section}: {b!r} should come before {a!r}")

    # Every country has a capital (or a reason).
    capitals = dict(sections).get("capitals", [])
    by_name = {p["name"]: p for p in places}
    has_capital = {by_name[n].get("country") for n in capitals if n in by_name}
    has_capital |= {c for c, n in CAPITAL_WITHOUT_COUNTRY.items() if n in capitals}
    actor_places = {a["name"]: a for a in actors if a.get("type") == "location"}
    for country, capital in CAPITAL_ELSEWHERE.items():
        if actor_places.get(capital, {}).get("country") not in (country, "Rusland"):
            problems.append(f"{country}: capital {capital} is not in actors.toml")
        has_capital.add(country)
    has_capital |= set(CAPITAL_LEFT_OUT)
    for country in sorted(country_names - has_capital):
        problems.append(f"{country}: no capital, and not listed as left out")
    for country in sorted(set(CAPITAL_LEFT_OUT) - country_names):
        problems.append(f"CAPITAL_LEFT_OUT: {country} is not a country")

    # Dutch words and first names, judged by hand.
    spellings = [s for p in places for s in [p["name"]] + p.get("aliases", [])]
    first_names = {
        line.split()[0]
        for line in (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    def judged(listed, kept, kept_name, what):
        """Every spelling in `listed` must be kept by hand, and every kept one used."""
        used = set()
        for s in spellings:
            if s.lower() in listed:
                used.add(s)
                if s not in kept:
                    problems.append(f"{s!r} is {what}: leave it out or add it to {kept_name}")
        for s in sorted(kept - used):
            problems.append(f"{kept_name}: {s!r} is not needed (no such spelling, or not {what})")

    judged(first_names, KEPT_FIRST_NAMES, "KEPT_FIRST_NAMES", "a first name (data/first_names.txt)")
    word_note = ""
    if DICTIONARY.exists():
        words = {
            w.strip()
            for w in DICTIONARY.read_text(encoding="utf-8", errors="replace").splitlines()
            if w[:1].islower()
        }
        judged(words, KEPT_WORDS, "KEPT_WORDS", f"a Dutch word ({DICTIONARY})")
    else:
        word_note = f" ({DICTIONARY} not installed: Dutch-word check skipped)"

    counts = ", ".join(f"{len(names)} {section}" for section, names in sections)
    for p in problems:
        print(f"places_check: {p}", file=sys.stderr)
    print(f"places_check: {len(places)} places ({counts}), {len(seen)} spellings{word_note}")
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
