"""Shared ground for entity extraction: the text being read, tokens, capitalised chunks.

`Source` joins the title, headings and paragraphs of a release into one string with
offsets, so every extractor reports positions in the same coordinates and lists can be
ordered by first appearance. `chunks` finds runs of capitalised words ("United Nations
Office on Drugs and Crime", "Attorney General Eric Holder"), the raw material of names.
The word lists here are *kinds* of words (titles, organisation head nouns, month names),
never names of particular people or bodies.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pressroom.loader.text import ABBREVIATIONS, LazyPattern, sentence_spans, wordset


@dataclass
class Segment:
    text: str
    start: int  # offset in Source.text
    line: int
    heading: bool  # a title or heading (Title Case, capitals carry no meaning)
    kind: str = "para"  # "title", "heading" or "para"
    _tokens: list[Token] | None = field(default=None, repr=False, compare=False)
    _chunks: list[list[Token]] | None = field(default=None, repr=False, compare=False)

    @property
    def tokens(self) -> list[Token]:
        """The tokens names are made of (offsets in Source.text), computed once: words that
        start with a capital or a digit, and connectors ("of", "de", "the"). Other words are
        left out; the gap they leave between two tokens says the tokens are not adjacent."""
        if self._tokens is None:
            self._tokens = name_tokens(self.text, self.start)
        return self._tokens

    @property
    def chunks(self) -> list[list[Token]]:
        """The capitalised runs of the segment (see `chunks`), computed once; do not change
        them in place."""
        if self._chunks is None:
            self._chunks = chunks(self.text, self.start, self.tokens)
        return self._chunks


@dataclass
class Source:
    """The readable text of a release (title, headings, paragraphs) with offsets."""

    segments: list[Segment]
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    truncated: bool = False  # the release is longer than what the extractors read
    _segment_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def build(cls, parts: list[tuple[str, int, str]]) -> Source:
        """`parts` are (text, line, kind) with kind "title" or "para"."""
        segments = []
        offset = 0
        for text, line, kind in parts:
            heading = kind == "title" or is_heading(text)
            segments.append(Segment(text, offset, line, heading,
                                    kind if kind in ("title", "deck") else
                                    ("heading" if heading else "para")))
            offset += len(text) + 2
        src = cls(segments, "\n\n".join(s.text for s in segments))
        for seg in segments:
            src.sentences.extend((seg.start + a, seg.start + b)
                                 for a, b in sentence_spans(seg.text))
        return src

    def segment_index(self, offset: int) -> int:
        """The index of the segment that holds `offset`."""
        if len(self._segment_starts) != len(self.segments):
            self._segment_starts = [s.start for s in self.segments]
        return max(0, bisect.bisect_right(self._segment_starts, offset) - 1)

    def segment_at(self, offset: int) -> Segment:
        return self.segments[self.segment_index(offset)]

    def sentence_starts(self) -> list[int]:
        """Where the sentences start (sorted; do not change)."""
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [a for a, _ in self.sentences]
        return self._sentence_starts

    def sentence_at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentence_starts(), offset) - 1
        if index < 0:
            return (0, 0)
        return self.sentences[index]

    def line_of(self, offset: int) -> int:
        seg = self.segment_at(offset)
        return seg.line


_HEADING_WORD = LazyPattern(r"[^\W\d_][\w'’\-]*")


def is_heading(text: str) -> bool:
    """A line in Title Case or capitals without a sentence end: capitals say nothing."""
    for char in reversed(text):  # a sentence: ".", ":" or ";" after its last word
        if char.isalnum() or char == "_":
            break
        if char in ".:;":
            return False
    words = _HEADING_WORD.findall(text)
    if not words:
        return False
    long = [w for w in words if len(w) > 3]
    if not long:
        return False
    capital = sum(1 for w in long if w[0].isupper())
    return capital / len(long) >= 0.75 and len(words) <= 40


class Covered:
    """Is an offset inside one of some spans? (sorted, merged, looked up by bisection)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __call__(self, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]


# --------------------------------------------------------------------------- vocabularies

def _words(text: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    return wordset(text) | frozenset(extra)


TITLE_WORDS = _words(
    "attorney attorneys general director directors president vice secretary minister judge "
    "presiding arbitrator arbiter mediator ombudsman ombudsperson registrar "
    "justice governor mayor chief officer agent special deputy assistant acting senior "
    "executive associate commissioner superintendent sheriff inspector magistrate constable "
    "chairman chairwoman chairperson chair ceo cto cfo coo cio manager spokesman spokeswoman "
    "spokesperson ambassador consul senator representative congressman congresswoman "
    "councilmember councilman councilwoman councillor councilor alderman alderwoman assemblyman "
    "assemblywoman assemblymember legislator delegate supervisor auditor comptroller treasurer "
    "clerk "
    "professor prof dr doctor mr mrs ms miss mx sir dame lord lady king queen prince princess "
    "pope rev reverend father sister sergeant sgt lieutenant lt captain capt colonel col "
    "admiral commander marshal trooper detective investigator prosecutor counsel solicitor "
    "trial appellate regional coordinator head founder co-founder cofounder member board "
    "defendant victim author secretary-general under-secretary-general high envoy rapporteur "
    "administrator premier prime chancellor speaker leader delegate undersecretary officer "
    "analyst economist chair-elect officer-in-charge agent-in-charge gov sen rep atty supt det "
    "hon fiscal alcalde alcaldesa jefe jefa directora presidente presidenta ministro ministra "
    "secretario secretaria juez jueza gobernador gobernadora procurador procuradora oficial "
    "agente comisionado embajador embajadora coordinador coordinadora asistente adjunto "
    "señor señora sr sra don doña licenciado lic ingeniero ing dra m mme mlle ministre "
    "directeur directrice président présidente secrétaire procureur ambassadeur maire préfet "
    "commissaire porte-parole général víctima acusado teniente capitán sargento representante "
    "consejero consejera vocero vocera portavoz conseiller conseillère représentant "
    "représentante coordonnateur coordinatrice responsable chef directeur-général",
    ("u.s.", "us", "federal", "state", "county", "district", "national", "interim", "former",
       "retired", "late", "then", "new", "incoming", "outgoing", "lead", "principal", "staff",
       "public", "affairs", "police", "trial", "managing", "legal", "technical", "programme",
       "program", "project", "communications", "marketing", "product", "engineering",
       "operations", "research", "policy", "development", "development", "international",
       "global", "country", "field", "liaison", "partner", "advisor", "adviser", "expert",
       "specialist", "consultant", "representative", "analyst", "editor", "reporter"))
# Words that end a title but are themselves a person noun ("police officer Jane Roe").
PERSON_NOUNS = _words(
    "officer attorney director president secretary minister judge governor mayor chief agent "
    "commissioner superintendent sheriff inspector magistrate constable chairman chairwoman "
    "chairperson manager spokesman spokeswoman spokesperson ambassador consul senator "
    "representative supervisor professor dr mr mrs ms sergeant lieutenant captain colonel "
    "detective investigator prosecutor counsel coordinator founder co-founder member dean "
    "defendant victim author son daughter wife husband father mother brother sister "
    "nephew niece cousin uncle aunt grandson granddaughter grandmother grandfather partner "
    "resident student teacher nurse doctor physician analyst researcher scientist "
    "economist engineer journalist reporter writer artist activist advocate lawyer "
    "fiscal alcalde jefe jefa víctima acusado asistente oficial agente hijo hija esposa "
    "esposo padre madre hermano hermana ministre juge procureur maire victime "
    "trustee ceo cto cfo chair head leader expert specialist consultant adviser advisor "
    "general admiral marshal trooper clerk treasurer auditor envoy rapporteur photographer "
    "suspect witness owner employee worker farmer lieutenant-governor candidate "
    "inmate prisoner plaintiff relator informant entrepreneur poet singer actor representante "
    "driver pilot coach firefighter paramedic guard soldier sergeant deputy trooper volunteer "
    "manager owner operator contractor accountant pastor priest councillor councilor alderman "
    "legislator arbitrator arbiter mediator ombudsman ombudsperson registrar "
    "consejero consejera vocero vocera portavoz directora ministra presidenta coordinadora "
    "conseiller conseillère représentant représentante directrice coordonnateur coordinatrice "
    "fiscala jueza señora señor doctora profesor profesora abogado abogada")
ROLE_MODIFIERS = _words(
    "former acting interim then senior chief deputy assistant special executive associate "
    "presiding "
    "police district state county federal regional national general vice co trial appellate "
    "supervising managing principal lead local program programme project public "
    "technical legal staff u.s. us retired late current new incoming outgoing his her their "
    "its our asistente adjunto ex")

# (a plural is no body's head: "Ministry of Cooperatives and Small Enterprises" is one name)
COOPERATIVES = _words("cooperative co-operative cooperativa coopérative")
ORG_HEADS = _words(
    "office offices ministry department dept initiative platform agency bureau court courts "
    "police foundation commission council committee division section unit units service "
    "services administration association institute institution university college school "
    "academy center centre organization organisation programme program fund authority board "
    "branch corporation company co inc ltd llc plc gmbh group network alliance coalition "
    "union federation party parliament assembly secretariat mission bank hospital clinic "
    "force forces guard army navy corps team tribunal chamber society nations project command "
    "industries labs laboratories systems technologies partners holdings enterprises airlines "
    "church congress senate legislature administration patrol enforcement "
    "investigations protection survey consulate embassy directorate inc. ltd. co. corp. corp "
    "observatory council task taskforce workgroup caucus movement trust institutes "
    "commissions agencies ministries conference-board league federation secretariat "
    "ministerio oficina departamento fiscalía fiscalia policía policia unidad comisión "
    "comision consejo secretaría secretaria instituto fundación fundacion universidad corte "
    "juzgado organización organizacion asociación asociacion dirección direccion "
    "procuraduría procuraduria agencia alguacil ministère département agence institut "
    "fondation université cour gendarmerie direction autorité autoridad embajada ambassade "
    "consulado consulat") | COOPERATIVES
NON_ORG_HEADS = _words(
    "act acts agreement agreements law laws treaty convention charter code notice report "
    "resolution plan strategy goals goal day days summit meeting status policy rule rules "
    "amendment bill award prize week month year agenda declaration protocol framework "
    "guidelines principles standards index ley acuerdo tratado loi accord")
CONNECTORS = _words("of for on and the in de del la las los y et des du da van von der den al "
                    "& d' di do dos das upon to at e contra para sobre pour contre against el le "
                    "les en")
ARTICLES = _words("the la las los el le les")
# connectors that may stand before an article inside one name ("Office of the Inspector")
ARTICLE_TAKERS = _words("of for on in at to de del from against contra para sobre pour contre "
                        "y et")
ORG_CONNECTORS = _words("of for on and the in de del la las los y et des du & to against les le en "
                        "el l' d' "
                        "pour contre contra sobre para")
MONTH_WORDS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday enero febrero marzo abril mayo junio julio agosto septiembre "
    "octubre noviembre diciembre lunes martes miércoles jueves viernes sábado domingo janvier "
    "février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi "
    "mercredi jeudi vendredi samedi dimanche")
PLACE_PREFIXES = _words("san santa santo los las new north south east west saint st st. fort "
                        "port mount mt lake el puerto costa sierra cape ciudad villa rio río "
                        "upper lower greater central northern southern eastern western")
GEO_HEADS = _words(
    "city county state states province region district island islands river ocean sea valley "
    "beach bay coast mountains mountain street avenue road highway airport square building "
    "temple plant parish township village borough peninsula gulf lake canal desert "
    "heights springs falls park hills republic kingdom federation territory territories")
# Capitalised words that begin sentences or headings but are not names.
COMMON_CAPS = _words(
    "the a an in on at for to of by with from as and but or if when while since after before "
    "during under over this that these those there here he she it they we i you his her its "
    "their our my your today yesterday tomorrow tonight also both each every many some all "
    "no not any more most other such according following despite through between among "
    "shortly moreover however meanwhile furthermore additionally finally currently recently "
    "subsequently specifically together further based once now then thus therefore so yet "
    "about around across against along amid beyond toward towards upon via within without "
    "what which who whom whose why how where several few one two three four five six seven "
    "eight nine ten first second third last next our thank thanks please read learn "
    "see visit call contact join mr mrs ms dr el la los las un una en hoy del al con por "
    "para le les des une dans pour avec sur il elle nous selon según segun d'après"
    " i'm we're it's that's there's we'll i'll let's don't")


@lru_cache(maxsize=64)
def alternation(words: frozenset[str]) -> str:
    """A regular-expression alternation of words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def last_words(text: str, n: int) -> list[str]:
    """The last `n` whitespace-separated words of `text` when it ends with whitespace (a word
    list pattern ending in `\\s+$` can only match there), else []."""
    if not text[-1:].isspace():
        return []
    if len(text) <= 40 * n:  # (a short text: split from the right only)
        return text.rsplit(None, n)[-n:]
    words = text[-40 * n:].split()
    if len(words) <= n < len(text.split()):
        words = text.split()
    return words[-n:]


@lru_cache(maxsize=8192)
def ends_with_word(token: str, words: frozenset[str]) -> bool:
    """Does `token` end with one of `words`, starting at a word boundary ("ex-officer")?"""
    if token in words:
        return True
    if token.isalnum():
        return False  # no boundary inside
    return any(token[i:] in words for i in range(1, len(token))
               if not (token[i - 1].isalnum() or token[i - 1] == "_"))


# --------------------------------------------------------------------------- tokens

# combining marks belong to the word they follow ("Mende\u0331z" after NFC)
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# (a period only inside a word: "U.S", "Node.js")
_WORD = LazyPattern(rf"[^\W_][\w'’\-{_MARKS}]*(?:\.[^\W_][\w'’\-{_MARKS}]*)*")


class Token:
    """A word of the text with its offsets; `lower`, `cap` and `initial` are computed once."""

    __slots__ = ("_acronym", "cap", "end", "initial", "lower", "possessive", "start", "text")

    def __init__(self, text: str, start: int, end: int, possessive: bool = False,
                 lower: str | None = None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.possessive = possessive
        self.lower = text.lower() if lower is None else lower
        self.cap = text[:1].isupper()
        # an initial: "J."
        self.initial = len(text) == 2 and text[1] == "." and _INITIAL.fullmatch(text) is not None
        self._acronym: bool | None = None

    def _key(self) -> tuple[str, int, int, bool]:
        return (self.text, self.start, self.end, self.possessive)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.possessive})"

    @property
    def acronym(self) -> bool:
        if self._acronym is None:
            letters = [c for c in self.text if c.isalpha()]
            self._acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
        return self._acronym


_INITIAL = LazyPattern(r"[A-ZÀ-Þ]\.")


_JOINERS = frozenset("_'’-" + "".join(
    chr(c) for a, b in ((0x300, 0x36f), (0x1ab0, 0x1aff), (0x1dc0, 0x1dff), (0x20d0, 0x20ff),
                        (0xfe20, 0xfe2f)) for c in range(a, b + 1)))


def _inside_word(text: str, start: int) -> bool:
    """Does a word go on through the joiners (apostrophes, hyphens, marks) or the period
    before `start`?"""
    k = start - 1
    if text[k] == ".":
        k -= 1
    while k >= 0 and text[k] in _JOINERS:
        k -= 1
    return k >= 0 and text[k].isalnum()


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of `text`; abbreviation periods kept ("U.S.", "Fla.", "J."), "'s" marked."""
    out = []
    size = len(text)
    for m in _WORD.finditer(text):
        tok = _token(text, m, offset, size)
        if tok is not None:
            out.append(tok)
    return out


def name_tokens(text: str, offset: int = 0) -> list[Token]:
    """The tokens names are made of: the words `tokens` finds that start with a capital (or a
    digit, or any letter without case), and the connectors in a gap made only of connectors
    between two of them ("Office of the Inspector"). Other words are left out: the gap they
    leave between two tokens says the tokens are not adjacent, which is all `chunks` needs
    to know of them. About a third of the words, found by one quick scan."""
    out: list[Token] = []
    size = len(text)
    last_end = -1
    connector_gap = _connector_gap()
    for m in _NAME_START.finditer(text):
        start = m.start()
        if start and (text[start - 1] in _JOINERS or text[start - 1] == ".") and \
                _inside_word(text, start):
            continue
        if 0 <= last_end < start and start - last_end <= 40 and \
                connector_gap.fullmatch(text, last_end, start):
            for c in _WORD.finditer(text, last_end, start):
                tok = _token(text, c, offset, size)
                if tok is not None:
                    out.append(tok)
        tok = _token(text, m, offset, size)
        if tok is not None:
            out.append(tok)
            last_end = tok.end - offset
    return out


def _token(text: str, m: re.Match[str], offset: int, size: int) -> Token | None:
    word = m.group()
    start, end = m.span()
    possessive = False
    last = word[-1]
    if last in "'’":
        word = word.rstrip("'’")
        possessive = word.endswith("s")
    elif (last == "s" or last == "S") and len(word) > 2 and word[-2] in "'’":
        word, possessive = word[:-2], True
    if not word:
        return None
    lower = word.lower()
    if not possessive and end < size and text[end] == "." and (
            len(word) == 1 or "." in word or lower in ABBREVIATIONS):
        word, end, lower = word + ".", end + 1, lower + "."
    return Token(word, start + offset, end + offset, possessive, lower)


_INNER = rf"[\w'’\-{_MARKS}]"
# a word of `_WORD` that starts with anything but a lower-case Latin letter, at a word
# boundary or after "_" (after an apostrophe, hyphen, mark or period it may still be inside
# a word: `_inside_word` checks). The pattern opens with the class of its first character
# and checks what stands before it after that, so that the scan skips straight to capitals,
# digits and letters without case.
_NAME_START = LazyPattern(rf"[^\W_a-zß-öø-ÿ](?<![^\W_].){_INNER}*(?:\.[^\W_]{_INNER}*)*")


@lru_cache(maxsize=1)
def _connector_gap() -> re.Pattern[str]:
    """A gap between two name words made only of connectors: " of the ", " de la "."""
    words = "|".join(re.escape(w) for w in sorted(CONNECTORS, key=len, reverse=True)
                     if w[0].isalpha())
    return re.compile(rf" (?:(?:{words})(?:['’]+[sS]?)? )+")


def gap(text: str, left: Token, right: Token, base: int = 0) -> str:
    """The characters between two tokens."""
    return text[left.end - base:right.start - base]


def chunks(text: str, offset: int = 0, toks: list[Token] | None = None) -> list[list[Token]]:
    """Runs of capitalised words, allowing lower-case connectors between them.

    `toks` are the tokens of `text` when the caller has them already."""
    if toks is None:
        toks = tokens(text, offset)
    out: list[list[Token]] = []
    current: list[Token] = []
    for index, tok in enumerate(toks):
        # joined: nothing or one space between them, one space after a possessive
        joined = False
        if current:
            last = current[-1]
            gap = tok.start - last.end
            if gap <= 0:
                joined = not last.possessive
            elif gap == 1:
                joined = text[last.end - offset] == " "
        if tok.cap or (tok.text[:1].isdigit() and current and tok.text[-1:].isalpha()):
            if not joined and current:
                out.append(_trim(current))
                current = []
            current.append(tok)
        elif joined and tok.lower in CONNECTORS and _continues(text, toks, index, offset) and \
                (tok.lower not in ARTICLES or current[-1].lower in CONNECTORS):
            current.append(tok)
        else:
            if current:
                out.append(_trim(current))
            current = []
    if current:
        out.append(_trim(current))
    return [c for c in out if c]


def _continues(text: str, toks: list[Token], index: int, offset: int) -> bool:
    """Is the connector at `index` followed (maybe after an article) by a capital word?"""
    k = index + 1
    if k < len(toks) and toks[k].lower in ARTICLES and toks[index].lower in ARTICLE_TAKERS:
        k += 1
    return k < len(toks) and toks[k].cap and all(
        text[toks[n].end - offset:toks[n + 1].start - offset] == " " for n in range(index, k))


def _trim(chunk: list[Token]) -> list[Token]:
    while chunk and not chunk[-1].cap:
        chunk = chunk[:-1]
    while chunk and not chunk[0].cap:
        chunk = chunk[1:]
    return chunk


def span_text(text: str, toks: list[Token], base: int = 0) -> str:
    """The original text covered by a token run (possessive of the last one left off)."""
    if not toks:
        return ""
    last = toks[-1]
    return text[toks[0].start - base:last.start - base + len(last.text)]
