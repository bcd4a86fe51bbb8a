"""Raw bytes to clean text, and clean text to a title plus paragraphs.

This module owns everything about the *shape* of a raw release: decoding (UTF-8 with or
without BOM, UTF-16/32 with BOM, Windows-1252 or Latin-1 line by line when the file is not
UTF-8 as a whole, double-encoded UTF-8), cleaning (line endings, control characters,
invisible characters and bidirectional overrides, NFC; right-to-left text, emoji joiners
and variation selectors are kept), finding the title behind scraper junk, dropping
page-header leftovers and trailing boilerplate, sentence splitting and writing the body as
Markdown that renders as the text was published. Everything here is linear in the length
of the text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pressroom.errors import LoaderError


class LazyPattern:
    """A regular expression compiled on first use, so that importing the loader is cheap
    (the loader's large patterns take a good part of a second to compile). Used like the
    compiled pattern; after the first use each method is a plain attribute."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> object:
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        value = getattr(re.compile(*self._source), name)
        self.__dict__[name] = value
        return value


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]
               ) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` finds, for a pattern that never matches the empty
    string and can match only at `starts` (increasing offsets, found by a quicker scan): the
    pattern is tried there only."""
    end = 0
    for pos in starts:
        if pos >= end:
            m = pattern.match(text, pos)
            if m is not None:
                end = m.end()
                yield m


def trie_alternation(words: Iterable[str], after_first: str = "") -> str:
    """A pattern for any of `words` that matches what their alternation, longest first,
    matches, written as a trie ("Niger" and "Nigeria" share "Niger"; longer continuations
    are tried first), so that an offset is tried only against the words that go on as the
    text does. `after_first` stands after each first character: a look-behind put there
    rather than before keeps the scan's quick skip to the characters the words begin with."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict], first: bool = False) -> str:
        alternatives = [re.escape(char) + (after_first if first else "") + branch(child)
                        for char, child in sorted(node.items()) if char]
        if "" in node:
            alternatives.append("")  # (after the longer words)
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    return branch(root, first=True)


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` as a set (for word lists)."""
    return frozenset(text.split())


@dataclass
class Paragraph:
    """A block of lines separated from its neighbours by blank lines."""

    lines: list[str]
    line: int  # 1-based line number of its first line in the cleaned text

    @property
    def text(self) -> str:
        """The paragraph as one line: its lines joined with spaces."""
        return " ".join(s.strip() for s in self.lines if s.strip())


@dataclass
class Document:
    """A release split into its parts; `body` excludes title, page header and boilerplate."""

    title: str
    title_line: int
    body: list[Paragraph] = field(default_factory=list)
    header_dates: list[tuple[str, int]] = field(default_factory=list)  # date lines, line no.
    boilerplate: list[Paragraph] = field(default_factory=list)


# --------------------------------------------------------------------------- decoding

_SIGNATURES = (b"\x89PNG", b"%PDF-", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF",
               b"MZ\x90\x00", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf", b"Rar!", b"OggS", b"ID3",
               b"RIFF", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*", b"\xd0\xcf\x11\xe0")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_MOJIBAKE = LazyPattern("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac|\u00e2\u0080")


def decode(data: bytes, name: str | None = None) -> str:
    """Decode raw bytes into text; raise LoaderError for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            break
    else:
        if data.startswith(_SIGNATURES):
            raise LoaderError(name, "binary data (an image, PDF or archive), not a text release")
        if b"\x00" in data:
            raise LoaderError(name, "binary data (NUL bytes), not a text release")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_lines(data)
    text = _undo_double_encoding(text)
    _reject_garbage(text, name)
    return text


def _decode_lines(data: bytes) -> str:
    """Bytes that are not UTF-8 as a whole, line by line: a file pasted together from two
    sources has UTF-8 lines and Windows-1252 lines (Latin-1 where 1252 leaves a byte
    undefined)."""
    out = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                out.append(line.decode("latin-1"))
    return "\n".join(out)


def _undo_double_encoding(text: str) -> str:
    """Repair UTF-8 that was decoded as Windows-1252 and encoded again ("â€”" for "—")."""
    if ("\u00c2" not in text and "\u00c3" not in text and "\u00e2" not in text) or \
            not _MOJIBAKE.search(text):
        return text
    raw = bytearray()
    for char in text:
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 255:
                return text
            raw.append(ord(char))  # a byte cp1252 leaves undefined, kept as Latin-1
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return text
    return fixed if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)) else text


# replacement characters, control characters other than white space (Cc), private use (Co)
# and surrogates (Cs)
_GARBAGE = LazyPattern("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                      "\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _reject_garbage(text: str, name: str | None) -> None:
    bad = len(_GARBAGE.findall(text))
    if bad >= 3 and bad > 0.05 * len(text):
        raise LoaderError(name, "binary data (undecodable bytes), not a text release")


# --------------------------------------------------------------------------- cleaning

# Invisible characters with no meaning in a release: zero-width space, word joiner, byte
# order marks, soft hyphens, interlinear annotation marks, and the explicit bidirectional
# embeddings, overrides and isolates (U+202A-202E, U+2066-2069), which can make text display
# otherwise than it reads. Kept: right-to-left text itself and the direction marks (LRM,
# RLM, ALM), variation selectors, emoji tags, and the zero-width joiner and non-joiner, which
# shape emoji sequences ("👩🏽‍⚕️") and Arabic, Persian and Indic words; between two Latin
# letters, where they only split a word ("Ro\u200dse"), the joiners go too.
# (with the control characters other than line ends and tabs)
_INVISIBLE_CHAR = ("[\u200b\u2060\ufeff\u00ad\ufff9\ufffa\ufffb\u202a-\u202e\u2066-\u2069"
                   "\x00-\x08\x0b\x0e-\x1f\x7f]")
# (patterns that open with a character class, not a repeat, let the scan skip to where that
# class occurs: "[x][x]*" rather than "[x]+", "  +" rather than " {2,}")
_INVISIBLE = LazyPattern(f"{_INVISIBLE_CHAR}{_INVISIBLE_CHAR}*")
_C1 = LazyPattern("[\u0080-\u009f]")
_SPACES = LazyPattern("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = LazyPattern("  +")
_LATIN_JOINER = LazyPattern("(?<=[A-Za-z\u00c0-\u024f])[\u200c\u200d]+(?=[A-Za-z\u00c0-\u024f])")


def _c1_to_cp1252(match: re.Match[str]) -> str:
    try:
        return bytes([ord(match.group())]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


def clean(text: str) -> str:
    """Normalise line endings, spaces and control characters; NFC; strip each line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n\n")
    text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _LATIN_JOINER.sub("", text)
    text = _C1.sub(_c1_to_cp1252, text)
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


def paragraphs(text: str) -> list[Paragraph]:
    """Split cleaned text into paragraphs at blank lines, remembering line numbers."""
    out: list[Paragraph] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            out.append(Paragraph(current, start))
            current = []
    if current:
        out.append(Paragraph(current, start))
    return out


# --------------------------------------------------------------------------- title and junk

_JUNK = LazyPattern(
    r"(?:error\s*)?404(?:\s*(?:error|not found|page not found))?|(?:file|page|document)\s+"
    r"(?:is\s+|was\s+)?not\s+found|not found|skip to (?:main )?(?:content|navigation)|"
    r"skip navigation|jump to (?:main )?content|print(?: this(?: page| article)?)?|"
    r"share(?: this(?: page| article| story)?)?(?: on \w+)?|e-?mail(?: this(?: page)?)?|"
    r"tweet|facebook|twitter|linkedin|whatsapp|menu|main menu|home|search|back(?: to top)?|"
    r"top|close|loading(?:\.\.\.|…)?|advertisement|(?:accept|allow)(?: all)? cookies|"
    r"cookie settings|this site uses cookies.*|you are here:?.*|(?:press|news|media) "
    r"(?:releases?|room)|newsroom|news|sign in|log in|subscribe|translate|select language|"
    r"text size|font size|listen|download(?: pdf)?|pdf|rss|javascript.*|"
    r"(?:for )?immediate release|para (?:publicaci[oó]n|difusi[oó]n) inmediata|"
    r"pour diffusion imm[ée]diate|comunicado de prensa|communiqu[ée] de presse|"
    r"(?:home|inicio|accueil)\s*[>›»/|].*|.*\s[>›»]\s.*[>›»]\s.*",
    re.IGNORECASE)
_RELEASE_LABEL = LazyPattern(
    r"(?:for )?immediate release|para (?:publicaci[oó]n|difusi[oó]n) inmediata|pour diffusion "
    r"imm[ée]diate|(?:press|news|media) release|comunicado de prensa|communiqu[ée] de presse|"
    r"embargoed.*|contacts?:?|contactos?:?|media contacts?:?|press contacts?:?|"
    r"(?:case|caso)\s*(?:#|no\.?|n[uú]mero)\s*\S+",
    re.IGNORECASE)
_PHONE = LazyPattern(r"(?:\(?\+?\d[\d\s().-]{6,}\d|\w[\w.+-]*@\w[\w.-]*\.\w+)\s*$")


def is_junk_line(line: str) -> bool:
    """True for scraper leftovers that stand before a title ("Page not found", "Share")."""
    bare = line.strip().strip("|•·*#>-–—:;,. ").strip()
    return not bare or bool(_JUNK.fullmatch(bare)) or not any(c.isalpha() for c in bare)


def _norm_key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def split_document(text: str, name: str | None = None,
                   date_line: re.Pattern[str] | None = None) -> Document:
    """Find the title and the body paragraphs of cleaned text.

    `date_line` recognises a line holding only a date; such lines before the body are kept
    in `header_dates` (they date the release) instead of the body.
    """
    paras = paragraphs(text)
    header_dates: list[tuple[str, int]] = []
    title = None
    title_line = 0
    rest: list[Paragraph] = []
    for i, para in enumerate(paras):
        lines = para.lines
        k = 0  # (lines read; taken off the front one by one, a long paragraph was quadratic)
        while k < len(lines):
            line = lines[k]
            number = para.line + k
            k += 1
            if date_line is not None and date_line.fullmatch(line):
                header_dates.append((line, number))
                continue
            if is_junk_line(line):
                continue
            title, title_line = line.strip(), number
            break
        if title is not None:
            if k < len(lines):
                rest.append(Paragraph(lines[k:], title_line + 1))
            rest.extend(paras[i + 1:])
            break
    if title is None:
        raise LoaderError(name, "no title: the text holds no line that could be a title")
    body = _drop_page_header(rest, title, header_dates, date_line)
    body, boilerplate = _cut_boilerplate(body)
    return Document(title, title_line, body, header_dates, boilerplate)


def _is_label(line: str) -> bool:
    bare = line.strip().strip("*:#-–— ").strip()
    return bool(_RELEASE_LABEL.fullmatch(bare) or _PHONE.fullmatch(bare)
                or re.fullmatch(r"(?:phone|tel|fax|cell|office|email|e-mail|oficina|celular|"
                                r"t[ée]l[ée]phone)\s*:.*", bare, re.IGNORECASE))


def _drop_page_header(paras: list[Paragraph], title: str, header_dates: list[tuple[str, int]],
                      date_line: re.Pattern[str] | None) -> list[Paragraph]:
    """Remove repeated titles, release labels, contact cards and date lines before the lead."""
    key = _norm_key(title)
    out: list[Paragraph] = []
    for index, para in enumerate(paras):
        if _norm_key(para.text) == key:
            continue  # the title again, over several lines
        # leading header lines of a paragraph that runs on into the text (PDF text)
        lines = para.lines
        k = 0  # (lines dropped; taken off the front one by one, it was quadratic)
        while len(lines) - k > 1 and index < 12 and (
                _is_label(lines[k]) or _norm_key(lines[k]) == key or
                (date_line is not None and date_line.fullmatch(lines[k]))):
            if date_line is not None and date_line.fullmatch(lines[k]):
                header_dates.append((lines[k], para.line + k))
            k += 1
        if k:
            para = Paragraph(lines[k:], para.line + k)
        ends_sentence = bool(re.search(r"[.!?][\"”’)]?$", para.lines[-1])) and \
            not _is_label(para.lines[-1])
        if index >= 12 or ends_sentence or (len(para.text) > 200 and not _is_label(para.lines[0])):
            out.append(para)
            out.extend(paras[index + 1:])
            break
        short = all(len(line) <= 90 for line in para.lines)
        if short and any(_is_label(line) for line in para.lines):
            for line in para.lines:
                if date_line is not None and date_line.fullmatch(line):
                    header_dates.append((line, para.line + para.lines.index(line)))
            # a page header: everything short before it was page chrome as well
            out = [p for p in out if not all(len(s) <= 60 and not s.endswith(".")
                                             for s in p.lines)]
            continue
        kept = []
        for offset, line in enumerate(para.lines):
            if _norm_key(line) == key:
                continue
            if date_line is not None and date_line.fullmatch(line):
                header_dates.append((line, para.line + offset))
                continue
            kept.append(line)
        if kept:
            first = para.line + para.lines.index(kept[0])
            out.append(Paragraph(kept, first))
    return out


_BOILERPLATE = LazyPattern(
    r"#(?:\s*#)*|-\s*30\s*-|-?\s*(?:ends?|fin)\s*-?|(?:for|para|pour) (?:more|further|additional|"
    r"m[aá]s|plus d)\s*(?:'|’)?\s*(?:information|informaci[oó]n|informations|details)\b.*|"
    r"(?:(?:for|para|pour)\s+(?:all\s+)?)?(?:media|press|news)\s+(?:contacts?|inquiries|enquiries|"
    r"queries|office)\b.*|contacts?\s*:.*|"
    r"contacts?|contactos?(?:\s+de\s+prensa)?\s*:?.*|notes?\s+(?:to|for)\s+editors?\b.*|"
    r"notas?\s+(?:para|a)\s+(?:los\s+)?editores.*|notes?\s+aux\s+r[ée]dacteurs.*|"
    r"contact\s+presse.*|(?:further|more|additional)\s+information\s*:?|(?:additional|related)\s+(?:resources|links|content|stories|news)\s*:?|"
    r"about\s+(?:the\s+)?[A-Z0-9](?:[^.!?]|\.(?=\w)){0,80}|acerca\s+de\s+[A-Z].{0,80}|"
    r"sobre\s+(?:el|la|los)\s+[A-Z][^.!?]{0,80}|[àa]\s+propos\s+d[eu']\s*.{0,80}",
    re.IGNORECASE)


def is_boilerplate_start(para: Paragraph) -> bool:
    """True when a paragraph opens the trailing boilerplate (contacts, 'About X', '###')."""
    first = para.lines[0].strip().strip("*_ ")
    if not _BOILERPLATE.fullmatch(first):
        return False
    if re.match(r"about\b", first, re.IGNORECASE):
        # "About Acme" is a heading (no sentence); "About 200 people came." is not
        # nor "About the 200 people": a name follows "About" or "About the"
        named = re.sub(r"^about\s+(?:the\s+)?", "", first, flags=re.IGNORECASE)
        return not re.search(r"[.!?]$", first) and len(first.split()) <= 9 \
            and named[:1].isupper()
    return True


def _cut_boilerplate(paras: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    for index, para in enumerate(paras):
        if index >= 1 and is_boilerplate_start(para):
            return paras[:index], paras[index:]
        # an end mark on the last line of a paragraph ("...text.\n###")
        if index >= 1 and len(para.lines) > 1 and re.fullmatch(r"#(?:\s*#)*", para.lines[-1]):
            return paras[:index] + [Paragraph(para.lines[:-1], para.line)], paras[index + 1:]
    return paras, []


# --------------------------------------------------------------------------- sentences

ABBREVIATIONS = wordset(
    "mr mrs ms dr st jr sr inc ltd co corp mt ft gen gov sen rep lt col capt sgt prof hon atty "
    "dept no nos vs v etc al sept sep oct nov dec jan feb mar apr jun jul aug ave blvd rd "
    "calif fla ore wash ariz colo conn del ill ind kan mass md mich minn miss mo mont neb nev "
    "okla pa tenn tex va vt wis wyo ala ark ga ky la me nd sd wva nh nj nm ny nc sc ri "
    "est approx dist supt det insp cmdr adm brig maj pres sra sr mme mlle art fig ph "
    "op vol ed eds rev msgr lic dra ing sres av")
_STARTERS = wordset(
    "The This That These Those He She It They We I In On At For But And As A An If When While "
    "After Before During Since Under According Today Yesterday Officials Authorities")
# (a match starts only where a run of end marks starts, and gives nothing back once it has
# read a run: else "......" was tried from each of its dots to its end, quadratic)
_BOUNDARY = LazyPattern(
    r"(?<![.!?…])([.!?…][.!?…]*+)([\"”’»)\]]*+)(\s++)(?=[\"“‘«(\[]?[A-ZÀ-ÖØ-Þ0-9¿¡])")


_NEXT_WORD = LazyPattern(r"\s*(\S+)")
_DOTTED = LazyPattern(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _next_word(text: str, pos: int) -> str:
    following = _NEXT_WORD.match(text, pos)
    return following.group(1) if following else ""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of `text` (abbreviations are not ends)."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == "." and not m.group(2):
            last = text[max(0, m.end(1) - 80):m.end(1)].rsplit(None, 1)
            word = last[-1][:-1] if last else ""  # the word the period ends
            bare = word.strip("(\"“‘'").rstrip(".")
            lower = bare.lower()
            if lower in ABBREVIATIONS and not (_next_word(text, m.end()) in _STARTERS and
                                               lower in {"inc", "ltd", "co", "corp", "etc"}):
                continue
            if len(bare) == 1 and "A" <= bare <= "Z":  # an initial: "Shawn A. Bray"
                continue
            if "." in bare and _DOTTED.fullmatch(bare) and \
                    _next_word(text, m.end()) not in _STARTERS:
                continue  # "U.S. Attorney", "D.C. police"
        spans.append((start, m.end(2)))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def sentences(text: str) -> list[str]:
    """The sentences of `text`."""
    return [text[a:b].strip() for a, b in sentence_spans(text)]


# --------------------------------------------------------------------------- markdown

_BLOCK_START = LazyPattern(r"^(?:[#>]|[-+*](?=\s|$|[-*+])|\d{1,9}[.)](?=\s|$)|<)")


_MARKUP = LazyPattern(r"[\\`*_\[\]<]")


def escape_line(line: str) -> str:
    """Escape what Markdown would read as markup, so the line renders as written."""
    if _MARKUP.search(line):
        line = re.sub(r"\\(?=[\\`*_{}\[\]()#+\-.!<>|])", r"\\\\", line)
        line = re.sub(r"([`*\[\]])", r"\\\1", line)
        line = re.sub(r"(?<![\w\\])_|_(?![\w])", r"\\_", line)
        line = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", line)
    if line[:1] == "=" and re.fullmatch(r"=+\s*", line):  # a setext underline
        return "&#61;" + line[1:]
    m = _BLOCK_START.match(line)
    if m:
        text = m.group()
        if text[0].isdigit():
            line = text[:-1] + "\\" + line[len(text) - 1:]
        elif text[0] == "<":
            line = "&lt;" + line[1:]
        elif not line.startswith("\\"):
            line = "\\" + line
    return line


def to_markdown(paras: list[Paragraph]) -> str:
    """The body as Markdown: paragraphs separated by blank lines, markup escaped."""
    return "\n\n".join("\n".join(escape_line(line) for line in p.lines) for p in paras)
