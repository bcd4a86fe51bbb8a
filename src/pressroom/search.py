"""The search index: small data files that `static/search.js` reads in the browser.

No server and no download at run time: full-text search and filtering (tag, country,
person, organization, year) run client-side on any static host, under a sub-path, and
from a folder opened with file:// (which is why the data files are scripts calling
`PressroomSearch.receive(name, data)` rather than .json files a page would fetch():
browsers refuse fetch() on file:// but load scripts).

Files, all under `search/data/`:
- `meta.js`: the facets (slug and name of each tag, country, person, organization) and
  one row per release, oldest first (a release's number is its row; counting from the
  oldest, a release newer than all the others takes the next number instead of shifting
  every other one, so the next build rewrites only the files its words are in; the page
  lists newest first):
  [path, title, date, place, summary chunk, language, year, tags, countries, people,
   orgs, shown date] where tags..orgs are lists of facet indexes and the shown date is
  the date as the site's `date_format` writes it.
- `s/<n>.js`: the summaries of releases n*SUMMARY_CHUNK to (n+1)*SUMMARY_CHUNK-1, loaded
  only for the results on screen (summaries are most of the weight of a big index).
- `w/<shard>.js`: an inverted index for the words starting with the same two letters:
  {word: [release numbers, delta-encoded]}. A query loads one shard per word.
Words are lowercased, accents removed, split on anything not a letter or digit; the JS
client does the same (see `tokens` there).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from pressroom.archive import KINDS, Archive, Entry
from pressroom.jsontext import compact, parse
from pressroom.urls import SEARCH_DATA

VERSION = 2  # 2: releases numbered from the oldest
MIN_WORD = 2
MAX_WORD = 40
SUMMARY_CHARS = 220
SUMMARY_CHUNK = 250
FACETS = {"tags": "tag", "countries": "country", "people": "person",
          "organizations": "organization"}
_WORDS = re.compile(rf"[^\W_]{{{MIN_WORD},}}")  # runs of letters and digits long enough
_ASCII_WORDS = re.compile(rf"[a-zA-Z0-9]{{{MIN_WORD},}}")  # the same in ASCII text


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_WORD_CHAR = re.compile(r"[^\W_]")
_FOLDED: dict[str, str] = {}


def _fold_run(found: re.Match[str]) -> str:
    """One run of non-ASCII characters, decomposed (NFKD) and without its combining marks;
    a space where nothing of a word is left (memoized: runs repeat, mostly punctuation).

    Folding run by run is folding the whole text: NFKD leaves ASCII as it is, and it
    reorders only combining marks, which never start a run.
    """
    run = found.group()
    done = _FOLDED.get(run)
    if done is None:
        done = "".join(c for c in unicodedata.normalize("NFKD", run)
                       if not unicodedata.category(c).startswith("M"))
        if done and not _WORD_CHAR.search(done):
            done = " "  # separators only: then the ASCII pattern may read the text
        if len(_FOLDED) < 100_000:
            _FOLDED[run] = done
    return done


def _words(text: str) -> list[str]:
    """Every word of `text` (lowercased, accents removed), short ones left out."""
    folded = text.lower()
    if not folded.isascii():
        folded = _NON_ASCII.sub(_fold_run, folded)
        if not folded.isascii():
            return _WORDS.findall(folded)
    return _ASCII_WORDS.findall(folded)


def tokens(text: str) -> list[str]:
    """The words of `text` as the index and the JS client see them."""
    return [w for w in _words(text) if len(w) <= MAX_WORD]


def word_set(text: str) -> str:
    """The distinct words of `text` (`tokens`), joined by spaces, in no set order: the
    index sorts what it writes, and sorting here cost a sixth of the time."""
    found = set(_words(text))
    if found and max(map(len, found)) > MAX_WORD:
        found = {w for w in found if len(w) <= MAX_WORD}
    return " ".join(found)


def shard_name(word: str) -> str:
    """The shard file holding `word`: its first two letters as hex code points."""
    return "-".join(f"{ord(c):x}" for c in word[:MIN_WORD])


def _document_text(entry: Entry) -> str:
    release = entry.release
    parts = [release.title, release.summary, release.body, release.location or ""]
    for kind in KINDS:
        parts.extend(t.label for t in entry.terms.get(kind, []))
    parts.extend(e.name for e in entry.events)
    parts.extend(f"{q.quote.speaker or ''} {q.quote.text}" for q in entry.quotes)
    return "\n".join(parts)


def _source_key(entry: Entry, source: bytes) -> bytes:
    """What `_document_text` reads, as a key: the digest of the release's file (the
    release's own text) and the names of the terms the archive gave it, which other
    releases can change."""
    names = [t.label for kind in KINDS for t in entry.terms.get(kind, [])]
    names.extend(e.name for e in entry.events)
    return hashlib.blake2b(b"file\x00" + source + "\x00".join(names).encode(
        "utf-8", "surrogatepass"), digest_size=16).digest()


def _summary(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _script(name: str, data: Any) -> bytes:
    text = compact(data).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"PressroomSearch.receive({json.dumps(name)},{text});\n".encode()


def search_files(archive: Archive, date_format: str = "%Y-%m-%d") -> dict[str, bytes]:
    """Every file of the search index, by output path."""
    files, _ = search_update(archive, date_format)
    return {path: data for path, data in files.items() if data is not None}


def search_update(archive: Archive, date_format: str = "%Y-%m-%d",
                  previous: dict[str, Any] | None = None,
                  read_old: Callable[[str], bytes | None] | None = None,
                  sources: dict[str, bytes] | None = None,
                  ) -> tuple[dict[str, bytes | None], dict[str, Any]]:
    """The search index, reusing the last build's where it can.

    `previous` is the state this function returned last time and `read_old(path)` reads
    a file of the last build's index. `sources` may give the digest of each release's
    file (by its path), which then stands for the release's own text: a release's words
    are found again only when that digest or the names of its terms changed. Returns
    ({output path: bytes, or None where the last build's file is still right}, the state
    to keep for next time). The files are those `search_files` gives, whatever
    `previous` held.
    """
    previous = previous if previous and previous.get("version") == VERSION else {}
    old_words: dict[str, tuple[bytes, str]] = previous.get("words", {})
    entries = archive.entries[::-1]  # numbered from the oldest
    words: dict[str, tuple[bytes, str]] = {}
    sources = sources or {}
    for entry in entries:
        known = sources.get(entry.release.path or "")
        text = None if known is not None else _document_text(entry)
        key = _source_key(entry, known) if text is None else hashlib.blake2b(
            text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        found = old_words.get(entry.slug)
        if found is None or found[0] != key:
            found = (key, word_set(_document_text(entry) if text is None else text))
        words[entry.slug] = found
    order = [e.slug for e in entries]
    files: dict[str, bytes | None] = {}
    shard_names: list[str] | None = None
    if "order" in previous and read_old is not None:
        shard_names = _update_shards(previous["order"], order, old_words, words,
                                     previous["shards"], read_old, files)
    if shard_names is None:
        files = {}
        shard_names = _all_shards(order, words, files)
    summaries = [_summary(e.release.summary) for e in entries]
    chunks: list[bytes] = []
    old_chunks = previous.get("chunks", [])
    for start in range(0, len(summaries), SUMMARY_CHUNK):
        chunk = start // SUMMARY_CHUNK
        part = summaries[start:start + SUMMARY_CHUNK]
        key = hashlib.blake2b("\x00".join(part).encode("utf-8", "surrogatepass"),
                              digest_size=16).digest()
        chunks.append(key)
        same = chunk < len(old_chunks) and old_chunks[chunk] == key and read_old is not None
        files[f"{SEARCH_DATA}s/{chunk}.js"] = None if same else _script(f"s/{chunk}", part)
    files[f"{SEARCH_DATA}meta.js"] = _script("meta", _meta(archive, date_format, shard_names))
    state = {"version": VERSION, "order": order, "words": words, "shards": shard_names,
             "chunks": chunks}
    return files, state


def _meta(archive: Archive, date_format: str, shard_names: list[str]) -> dict[str, Any]:
    facets: dict[str, list[list[str]]] = {}
    positions: dict[str, dict[int, int]] = {}
    for kind, facet in FACETS.items():
        terms = archive.sorted_terms(kind)
        facets[facet] = [[t.slug, t.label] for t in terms]
        positions[kind] = {id(t): i for i, t in enumerate(terms)}
    docs = []
    for number, entry in enumerate(reversed(archive.entries)):
        release = entry.release
        docs.append([entry.path, release.title, entry.date.isoformat(), release.location or "",
                     number // SUMMARY_CHUNK, release.language, entry.date.year]
                    + [[positions[kind][id(t)] for t in entry.terms.get(kind, [])]
                       for kind in FACETS]
                    + [entry.date.strftime(date_format)])
    return {"version": VERSION, "summary_chunk": SUMMARY_CHUNK, "facets": facets, "docs": docs,
            "shards": shard_names,
            "fields": ["path", "title", "date", "place", "summary_file", "lang", "year",
                       *FACETS.values(), "shown_date"]}


def _all_shards(order: list[str], words: dict[str, tuple[bytes, str]],
                files: dict[str, bytes | None]) -> list[str]:
    postings: dict[str, list[int]] = {}
    for number, slug in enumerate(order):
        text = words[slug][1]
        if text:
            for word in text.split(" "):
                found = postings.get(word)
                if found is None:
                    postings[word] = [number]
                else:
                    found.append(number)
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word, numbers in postings.items():
        shards[shard_name(word)][word] = _deltas(numbers)
    for name, content in sorted(shards.items()):
        files[f"{SEARCH_DATA}w/{name}.js"] = _script(f"w/{name}", content)
    return sorted(shards)


_RECEIVE = re.compile(rb'PressroomSearch\.receive\("[^"]*",(.*)\);\n\Z', re.S)


def _update_shards(old_order: list[str], order: list[str],
                   old_words: dict[str, tuple[bytes, str]],
                   words: dict[str, tuple[bytes, str]], old_shards: list[str],
                   read_old: Callable[[str], bytes | None],
                   files: dict[str, bytes | None]) -> list[str] | None:
    """The last build's shards, changed where the releases' numbers or words did.

    While every release of the last build keeps its number (releases edited, or added
    after the newest, or the newest removed), only the shards of words that gained or
    lost a release are read and written again. Otherwise the releases after a change are
    renumbered: every shard is read back with its numbers mapped to the new ones (cheaper
    than gathering every release's words again) and written where that changed it. None
    when a shard of the last build cannot be read back: then all are made anew.
    """
    renumber: Callable[[list[int]], list[int]] | None = None
    kept = min(len(order), len(old_order))
    if order[:kept] != old_order[:kept]:
        renumber = _renumbering(old_order, order)
    added: dict[str, list[int]] = defaultdict(list)
    removed: dict[str, list[int]] = defaultdict(list)
    for number, slug in enumerate(order):
        new, old = words[slug][1], old_words.get(slug, (b"", ""))[1]
        if new == old:
            continue
        new_set, old_set = set(new.split()), set(old.split())
        for word in new_set - old_set:
            added[word].append(number)
        for word in old_set - new_set:
            removed[word].append(number)
    if renumber is None:  # the newest releases of the last build may be gone
        for number in range(len(order), len(old_order)):
            gone = old_words.get(old_order[number])
            if gone is None:  # a state that does not hold together: make all anew
                return None
            for word in gone[1].split():
                removed[word].append(number)
    touched: dict[str, set[str]] = defaultdict(set)
    for word in (*added, *removed):
        touched[shard_name(word)].add(word)
    names = set(old_shards)
    for name in old_shards:
        files[f"{SEARCH_DATA}w/{name}.js"] = None
        if renumber is not None:
            touched.setdefault(name, set())  # every shard: its numbers change
    for name, changed in touched.items():
        path = f"{SEARCH_DATA}w/{name}.js"
        content: dict[str, list[int]] = {}
        if name in names:
            data = read_old(path)
            found = _RECEIVE.match(data) if data is not None else None
            try:
                loaded = parse(found.group(1)) if found is not None else None
            except ValueError:
                loaded = None
            if not isinstance(loaded, dict):
                return None
            content = loaded
        if renumber is not None:
            moved = {word: renumber(gaps) for word, gaps in content.items()}
            if not changed and all(moved[word] is gaps for word, gaps in content.items()):
                continue  # no number in it moved: the last build's file stays
            content = moved
        for word in changed:
            numbers = set(itertools.accumulate(content.get(word, [])))
            numbers.update(added.get(word, ()))
            numbers.difference_update(removed.get(word, ()))
            content[word] = _deltas(sorted(numbers))
        content = {word: gaps for word, gaps in content.items() if gaps}
        if content:
            names.add(name)
            files[path] = _script(f"w/{name}", content)
        else:
            names.discard(name)
            files.pop(path, None)
    return sorted(names)


def _renumbering(old_order: list[str], order: list[str]) -> Callable[[list[int]], list[int]]:
    """What turns a posting list (gaps) of the last build into one in the new order."""
    number = {slug: n for n, slug in enumerate(order)}
    remap = [number.get(slug, -1) for slug in old_order]
    kept = [n for n in remap if n >= 0]
    gone = len(kept) < len(remap)
    moved = any(a > b for a, b in itertools.pairwise(kept))  # an edited date moved one
    if not gone and not moved:
        old = set(old_order)
        new = [n for n, slug in enumerate(order) if slug not in old]
        if new and len(new) <= 16:  # a few releases inserted: each moves the numbers after it up
            return functools.partial(_inserted, [n - i for i, n in enumerate(new)])

    def renumbered(gaps: list[int]) -> list[int]:
        numbers = [remap[n] for n in itertools.accumulate(gaps)]
        if gone:
            numbers = [n for n in numbers if n >= 0]
        if moved:
            numbers.sort()
        return _deltas(numbers)

    return renumbered


def _inserted(thresholds: list[int], gaps: list[int]) -> list[int]:
    """Gaps after releases were inserted: a number at or past each threshold (in the old
    numbering, ascending, at least one) is one more, which only widens the gap where it
    is crossed. `gaps` itself when no number moved."""
    numbers = list(itertools.accumulate(gaps))
    if numbers[-1] < thresholds[0]:
        return gaps
    out = list(gaps)
    for threshold in thresholds:
        at = bisect.bisect_left(numbers, threshold)
        if at < len(out):
            out[at] += 1
    return out


def _deltas(numbers: list[int]) -> list[int]:
    """Ascending numbers as the first one and then the gaps (smaller JSON)."""
    return list(map(operator.sub, numbers, [0, *numbers]))
