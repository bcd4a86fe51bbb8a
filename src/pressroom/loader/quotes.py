"""Direct quotations and who said them.

Quotation marks are paired by context, so straight and curly marks, « », „ “ and mixed
pairs all work. A quotation counts when it is attributed ("...," said X; X said: "...")
or stands as a sentence or paragraph of its own; a quotation split by its attribution or
running over several paragraphs is one quote. Scare quotes, quoted names and titles (in
the middle of a sentence, with no speech verb) and anything under four words are left out.
Every quote's parts are taken verbatim from the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pressroom.loader.names import Covered, Source
from pressroom.loader.people import SPEECH, People
from pressroom.loader.roles import strong_title
from pressroom.loader.text import LazyPattern

DOUBLE = "\"“”„«»"
# which marks close a quotation opened by a mark, and which re-open the same kind
_CLOSERS = {"«": "»", "“": "”\"", "„": "“”", "\"": "\"”“", "”": "”\"", "»": "«»"}
_SAME_FAMILY = {"«": "«", "“": "“", "„": "„", "\"": "\"", "”": "”", "»": "»"}
PRONOUNS = r"(?:he|she|they|we|i|él|ella|il|elle)"
_VERB = rf"(?:{SPEECH})"


@dataclass
class Span:
    start: int  # offset of the opening mark in Source.text
    end: int  # offset just after the closing mark (or the end of the paragraph)
    inner: tuple[int, int]
    closed: bool
    single: bool = False
    parts: list[str] = field(default_factory=list)
    speaker: int | None = None
    speech: bool = False  # attributed with a speech verb
    attr: list[tuple[int, int]] = field(default_factory=list)  # attribution text spans
    continues: bool = False  # continues the previous span (multi-paragraph quote)
    heading: bool = False


@dataclass
class QuoteResult:
    text: str
    speaker: str | None
    parts: list[str]
    start: int


def _pair_double(text: str) -> list[tuple[int, int, bool]]:
    """(open, close, closed) index pairs of double quotation marks in one paragraph."""
    if not any(mark in text for mark in DOUBLE):  # (most paragraphs quote nobody)
        return []
    out = []
    opener: tuple[int, str] | None = None
    for mark in _DOUBLE_MARK.finditer(text):
        i, c = mark.start(), mark.group()
        p = text[i - 1] if i > 0 else None
        n = text[i + 1] if i + 1 < len(text) else None
        open_ctx = (p is None or p.isspace() or p in "([{—–-/:;,‘'") and n is not None \
            and not n.isspace()
        close_ctx = p is not None and not p.isspace() and (
            n is None or n.isspace() or n in ".,;:!?)]}—–-…'’")
        can_open = c != "»" and (open_ctx or (c in "“«„" and not close_ctx))
        can_close = c not in "«„" and (close_ctx or (c in "”»" and not open_ctx) or c == "»" or (
            opener is not None and opener[1] == "„" and c == "“"))
        if opener is None:
            if can_open:
                opener = (i, c)
        elif c not in _CLOSERS[opener[1]] and c not in _SAME_FAMILY[opener[1]]:
            continue  # a quotation inside the quotation: « ... “term” ... »
        elif can_close and c in _CLOSERS[opener[1]] and not (
                c in "“«„" and open_ctx and not close_ctx):
            out.append((opener[0], i, True))
            opener = None
        elif can_open:
            out.append((opener[0], i, False))
            opener = (i, c)
    if opener is not None:
        out.append((opener[0], len(text), False))
    return out


def _pair_single(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    if "‘" not in text and "'" not in text:
        return []
    out = []
    covered = Covered(taken)
    resume = 0
    for mark in _SINGLE_OPEN.finditer(text):
        i = mark.start()
        if i < resume or covered(i):
            continue
        p = text[i - 1] if i > 0 else None
        if not ((p is None or p.isspace() or p in "([{—–-/:\"“") and text[i + 1:i + 2].isalnum()):
            continue
        for close in _SINGLE_CLOSE.finditer(text, i + 2, min(len(text), i + 400)):
            j, d = close.start(), close.group()
            q = text[j - 1]
            r = text[j + 1] if j + 1 < len(text) else None
            if not q.isspace() and (r is None or not r.isalnum()):
                if q == "s" and r == " " and d == "’" and \
                        not _PUNCT_AFTER.match(text, j + 1) and text[j + 2:j + 3].islower():
                    continue  # "Guterres’ message": a possessive
                out.append((i, j, True))
                resume = j + 1
                break
    return out


_DOUBLE_MARK = LazyPattern("[" + DOUBLE + "]")
_SINGLE_OPEN = LazyPattern("[‘']")
_SINGLE_CLOSE = LazyPattern("[’']")
_PUNCT_AFTER = LazyPattern(r"\s*[,.;:]")


def _spans(src: Source) -> list[Span]:
    spans: list[Span] = []
    for seg in src.segments:
        text = seg.text
        doubles = _pair_double(text)
        found = [(a, b, closed, False) for a, b, closed in doubles]
        taken = [(a, b + 1) for a, b, _ in doubles]
        found += [(a, b, closed, True) for a, b, closed in _pair_single(text, taken)]
        found.sort()
        for a, b, closed, single in found:
            inner = (seg.start + a + 1, seg.start + b)
            end = seg.start + b + (1 if closed else 0)
            spans.append(Span(seg.start + a, end, inner, closed, single, heading=seg.heading))
    # a paragraph that opens with a quote continues an unclosed quote of the paragraph before
    for prev, span in zip(spans, spans[1:], strict=False):
        if not prev.closed and not prev.single and not span.single:
            seg_prev, seg = src.segment_at(prev.start), src.segment_at(span.start)
            if seg.start != seg_prev.start and span.start == seg.start and \
                    src.segment_index(span.start) == src.segment_index(prev.start) + 1:
                span.continues = True
    for span in spans:
        a, b = span.inner
        part = src.text[a:b].strip()
        if span.single is False and not span.closed:
            part = part.strip()
        span.parts = [part] if part else []
    return [s for s in spans if s.parts]


# a speaker named by a title: "declaró el embajador", "the minister said"
_TITLED_WHO = LazyPattern(r"\s*(?:the|el|la|le|l[’'])\s*((?:[\w\-]+\s+){0,2}[\w\-]+)\s*(?:[,.;]|$)",
                          re.IGNORECASE)


def _titled_speaker(people: People, who: str, before: int) -> int | None:
    """The person whose role holds the title a speaker is named by ("el embajador"), the
    one mentioned last before the quotation when several hold it."""
    m = _TITLED_WHO.match(who)
    if m is None:
        return None
    noun = m.group(1).lower().split()[-1]
    if not strong_title(noun):
        return None
    holders = {i for i, e in enumerate(people.entries)
               if e.role and noun in re.findall(r"[\w\-]+", e.role.lower())}
    last = [(x, i) for x, _, i in people.spans if i in holders and x < before]
    return max(last)[1] if last else None


def _first_person(people: People, start: int, end: int) -> int | None:
    found = people.in_span(start, end)
    return found[0] if found else None


def _pronoun_speaker(src: Source, people: People, spans: list[Span], index: int,
                     spoken: int | None) -> int | None:
    """`spoken` is the last quotation before spans[index] with a speaker, if any (it was
    looked for back through every quotation before: quadratic in a paragraph of them)."""
    span = spans[index]
    if spoken is not None:
        prev = spans[spoken]
        if src.segment_index(span.start) - src.segment_index(prev.start) <= 1:
            # "he" or "she" is the last speaker, unless someone was named since
            quoted = _quoted(spans)
            if not any(not quoted(x) for x, _, _ in
                       _people_between(people, prev.end, span.start)):
                return prev.speaker
    return _subject_before(src, people, spans, span.start)


_LOOK_BACK = 40  # sentences searched back for the subject a pronoun stands for


def _subject_before(src: Source, people: People, spans: list[Span], offset: int) -> int | None:
    """The first person named (outside quotations) in the nearest earlier sentence that names
    one, within a few dozen sentences."""
    quoted = _quoted(spans)
    last = bisect.bisect_left(src.sentence_starts(), offset)
    for a, b in reversed(src.sentences[max(0, last - _LOOK_BACK):last]):
        b = min(b, offset)
        found = [i for x, y, i in _people_between(people, a, b) if not quoted(x)]
        if found:
            return found[0]
    return None


def _people_between(people: People, start: int, end: int) -> list[tuple[int, int, int]]:
    """People's mentions (start, end, index) that lie between two offsets."""
    people.in_span(start, end)  # makes sure the starts are known
    out = []
    for k in range(bisect.bisect_left(people._starts, start), len(people.spans)):
        x, y, i = people.spans[k]
        if x > end:
            break
        if y <= end:
            out.append((x, y, i))
    return out


class _Spans(list[Span]):
    """The quotations of a release, with where they lie (for "is this offset quoted?")
    computed once and again only after a quotation was joined with the next."""

    covered: Covered | None = None


def _quoted(spans: list[Span]) -> Covered:
    """Is an offset inside a quotation?"""
    if not isinstance(spans, _Spans):
        return Covered([(s.start, s.end) for s in spans])
    if spans.covered is None:
        spans.covered = Covered([(s.start, s.end) for s in spans])
    return spans.covered


# "...," said Ann Roe; "...," Ann Roe said; Ann Roe said: "..."; he said
_VERB_AFTER = LazyPattern(rf"\s*,?\s*(?:{_VERB})\b")
_WHO_VERB_AFTER = LazyPattern(rf"\s*,?\s*(?P<who>[^;\"“”«»]{{1,150}}?)\s+(?:has\s+|had\s+|also\s+|"
                              rf"then\s+|later\s+)?(?:{_VERB})\b")
_VERB_BEFORE = LazyPattern(rf"(?:\b(?:{_VERB})(?:\s+[\w’'\-]+){{0,4}}?|"
                           rf"\baccording to\s+[^,]{{2,120}}|\bwriting|"
                           rf"\bas\s+[^,]{{2,80}}\s+(?:has\s+|had\s+)?(?:written|put it))"
                           rf"\s*[,:]?\s*$", re.IGNORECASE)
_PRONOUN = LazyPattern(PRONOUNS, re.IGNORECASE)
_PRONOUN_FIRST = LazyPattern(rf"\s*{PRONOUNS}\b", re.IGNORECASE)
_PRONOUN_SUBJECT = LazyPattern(rf"\s*(?:[A-Z]\w*\s+)?{PRONOUNS}\b", re.IGNORECASE)


def _attribute(src: Source, people: People, spans: list[Span], index: int,
               prev_end: int, spoken: int | None) -> None:
    """Attribute spans[index]; `prev_end` is where the quotations before it in its paragraph
    end (the paragraph's start if none), `spoken` the last quotation before it with a
    speaker."""
    span = spans[index]
    seg = src.segment_at(span.start)
    text = src.text
    following = spans[index + 1] if index + 1 < len(spans) else None  # sorted by start
    nxt = following.start if following is not None and src.segment_at(following.start) is seg \
        else seg.start + len(seg.text)
    sentence: tuple[int, int] | None = src.sentence_at(span.end)
    if sentence is not None and not sentence[0] <= span.end < sentence[1]:
        sentence = None
    post_end = min(nxt, sentence[1]) if sentence and sentence[0] < span.end else \
        min(nxt, span.end)
    sent_start, _ = src.sentence_at(span.start)
    pre_start = max(prev_end, sent_start, seg.start)
    pre = text[pre_start:span.start]
    # "...," said Ann Roe, director.   "...," Ann Roe said.
    # (a quoted phrase inside a sentence, with no punctuation of its own, is not attributed
    # by what follows: called it "a good first step" but warned ...)
    inner = text[span.inner[0]:span.inner[1]].rstrip()
    attributable = span.closed and (inner[-1:] in ",.!?…;:" or text[span.end:span.end + 1] == ","
                                    or _sentence_initial(src, span))
    m = _VERB_AFTER.match(text[span.end:post_end]) if attributable else None
    if m:
        who_start = span.end + m.end()
        span.speech = True
        span.attr.append((span.end, post_end))
        who = text[who_start:post_end]
        if _PRONOUN_FIRST.match(who) or "-t-" in m.group():
            span.speaker = _pronoun_speaker(src, people, spans, index, spoken)
        else:
            span.speaker = _first_person(people, who_start, post_end)
            if span.speaker is None:
                span.speaker = _titled_speaker(people, who, span.start)
            if span.speaker is None and not re.search(r"[A-Za-zÀ-ÿ]{3}", who):
                # "..., explicó.": the subject is the one of the sentence before
                span.speaker = _subject_before(src, people, spans, span.start)
        return
    m = _WHO_VERB_AFTER.match(text[span.end:post_end]) if attributable else None
    if m:
        span.speech = True
        span.attr.append((span.end, post_end))
        who = m.group("who")
        if _PRONOUN.fullmatch(who.strip()):
            span.speaker = _pronoun_speaker(src, people, spans, index, spoken)
        else:
            span.speaker = _first_person(people, span.end, span.end + m.end("who"))
            if span.speaker is None:
                span.speaker = _titled_speaker(people, who, span.start)
        return
    m = _VERB_BEFORE.search(pre)
    if m and (pre.rstrip().endswith((",", ":")) or re.search(r"according to", m.group(),
                                                              re.IGNORECASE)):
        span.speech = True
        span.attr.append((pre_start, span.start))
        clause_start = pre_start
        if _PRONOUN_SUBJECT.match(pre) and not \
                people.in_span(pre_start, span.start):
            span.speaker = _pronoun_speaker(src, people, spans, index, spoken)
            return
        if _PRONOUN_FIRST.match(pre):
            span.speaker = _subject_before(src, people, spans, pre_start)
            return
        if re.search(r"according to", m.group(), re.IGNORECASE):
            clause_start = pre_start + m.start()
        span.speaker = _first_person(people, clause_start, span.start)
        if span.speaker is None:
            span.speaker = _subject_before(src, people, spans, pre_start)
        return
    if pre.rstrip().endswith(":"):
        span.attr.append((pre_start, span.start))
        span.speech = True
        span.speaker = _first_person(people, pre_start, span.start) or \
            _subject_before(src, people, spans, pre_start)


def _sentence_initial(src: Source, span: Span) -> bool:
    seg = src.segment_at(span.start)
    # (cleaned text has no long runs of spaces: a short window is enough)
    before = src.text[max(seg.start, span.start - 80):span.start].rstrip()
    return not before or before[-1] in ".!?:" or (before[-1] in "\"”’" and
                                                   before[-2:-1] in (".", "!", "?"))


def _headline_speaker(src: Source, people: People) -> int | None:
    title = next((s for s in src.segments if s.kind == "title"), None)
    if title is None:
        return None
    m = re.match(r"([^:‘'\"“]{2,80}):\s", title.text)
    if m:
        found = people.in_span(title.start, title.start + m.end(1))
        if found:
            return found[0]
    m = re.search(r"(?<![\w\-])((?:[A-Z][\w\-]*+\s+){0,3}[A-Z][\w\-]*+)\s+(?:Declares|Says|"
                  r"Tells|Stresses|"
                  r"Urges|Calls|Warns|Notes|Affirms|Highlights|Underlines|Emphasi[sz]es|"
                  r"Insists|Describes|Welcomes|Praises|Condemns|Announces|Stating)\b",
                  title.text)
    if m:
        found = people.in_span(title.start + m.start(1), title.start + m.end(1))
        if found:
            return found[0]
        phrase = m.group(1).lower()
        words = phrase.split()
        for k in range(len(words)):
            tail = " ".join(words[k:])
            matches = [i for i, e in enumerate(people.entries)
                       if e.role and e.role.lower().endswith(tail)]
            if matches:
                exact = [i for i in matches if people.entries[i].role.lower().split()[-len(
                    words[k:]) - 1:-len(words[k:])] != ["deputy"] or "deputy" in words[k:]]
                return (exact or matches)[0]
    return None


def find_quotes(src: Source, people: People, title_speaker: int | None = None
                ) -> list[QuoteResult]:
    """Direct quotations in `src`, attributed where the text says who spoke."""
    spans = _Spans(_spans(src))
    prev_end, prev_seg = 0, -1
    spoken = None  # the last quotation with a speaker
    for index in range(len(spans)):
        seg_index = src.segment_index(spans[index].start)
        if seg_index != prev_seg:
            prev_end, prev_seg = src.segments[seg_index].start, seg_index
        if not spans[index].heading:
            _attribute(src, people, spans, index, prev_end, spoken)
        if spans[index].speaker is not None:
            spoken = index
        prev_end = max(prev_end, spans[index].end)
    headline = _headline_speaker(src, people)
    kept: list[Span] = []
    for index, span in enumerate(spans):
        seg = src.segment_at(span.start)
        if span.heading or (seg.kind == "deck" and not span.speech):
            # the headline and its deck quote the person the headline names
            if headline is not None and len(" ".join(span.parts).split()) >= 4:
                span.speaker = headline
                kept.append(span)
            continue
        if span.continues and kept and kept[-1].end >= spans[index - 1].start and \
                not kept[-1].closed or (span.continues and kept and kept[-1] is spans[index - 1]):
            if span.speaker is None:
                span.speaker = kept[-1].speaker
            elif kept[-1].speaker is None:
                kept[-1].speaker = span.speaker
            if span.speaker == kept[-1].speaker:
                _join(src, kept[-1], span, spans)
                continue
        paragraph_start = span.start == seg.start
        initial = _sentence_initial(src, span)
        if not span.speech and not initial:
            # the rest of a sentence its attribution split: "We found it," she said, "and..."
            if kept and kept[-1].closed and kept[-1].speech and \
                    src.segment_index(kept[-1].start) == src.segment_index(span.start) and \
                    src.text[kept[-1].end:span.start].rstrip().endswith(",") and \
                    _split_by_attribution(src, kept[-1], span):
                _join(src, kept[-1], span, spans)
            continue  # else a scare quote, a name or a cited phrase
        if span.speaker is None and not span.speech:
            if paragraph_start:
                prev = kept[-1] if kept else None
                prev_seg = src.segment_index(prev.start) if prev else -9
                if prev is not None and prev.speaker is not None and \
                        src.segment_index(span.start) - prev_seg == 1:
                    span.speaker = prev.speaker
                elif src.segment_index(span.start) > 0 and \
                        src.segments[src.segment_index(span.start) - 1].text.rstrip().endswith(":"):
                    span.speaker = _subject_before(src, people, spans, span.start)
                else:
                    span.speaker = title_speaker
            elif kept and kept[-1].closed and kept[-1].speech and \
                    src.segment_index(kept[-1].start) == src.segment_index(span.start) and \
                    src.text[kept[-1].end:span.start].strip() and \
                    _split_by_attribution(src, kept[-1], span):
                _join(src, kept[-1], span, spans)  # the rest of a quotation its attribution split
                continue
            else:
                span.speaker = _subject_before(src, people, spans, span.start)
                if span.speaker is None:
                    continue
        if kept and _joins(src, kept[-1], span):
            _join(src, kept[-1], span, spans)
            continue
        kept.append(span)
    out = []
    for span in kept:
        # the verbatim parts, joined with one space ("A," she said. "B." is "A, B.")
        text = " ".join(p for p in span.parts if p)
        text = re.sub(r"[\s,]+$", "", text)
        if len(text.split()) < 4:
            continue
        speaker = people.entries[span.speaker].name if span.speaker is not None else None
        out.append(QuoteResult(text, speaker, span.parts, span.start))
    return out


def _joins(src: Source, left: Span, right: Span) -> bool:
    """Is `right` the rest of `left`, split only by an attribution?"""
    if left.speaker is None or left.speaker != right.speaker or left.heading:
        return False
    return _split_by_attribution(src, left, right)


def _split_by_attribution(src: Source, left: Span, right: Span) -> bool:
    """Is only an attribution (or nothing but punctuation) between two quotations?"""
    if right.start - left.end >= 400:
        return False
    covered = set()
    for a, b in left.attr[-4:] + right.attr:  # a joined quotation's last attributions
        covered.update(range(max(a, left.end), min(b, right.start)))
    rest = "".join(src.text[i] for i in range(left.end, right.start) if i not in covered)
    return not re.sub(r"[\s.,;:—–\-]+", "", rest)


def _join(src: Source, left: Span, right: Span, spans: _Spans) -> None:
    spans.covered = None  # the quotation now covers its attribution too
    left.parts.extend(right.parts)
    left.end = right.end
    left.closed = right.closed
    left.attr.extend(right.attr)
