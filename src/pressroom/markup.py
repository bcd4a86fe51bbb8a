"""Release bodies, Markdown to sanitized HTML: one result, two engines.

Python-Markdown with `extra` (and `sane_lists`) is the reference: it defines what a body
renders to. It is also slow (about 1 ms a body), so a body written only with the plain
constructs that CommonMark and Python-Markdown read the same way (paragraphs, `#`
headings between blank lines, tight single-line bullet or numbered lists, plain inline
links, text without emphasis, code, raw HTML or escapes) goes through cmarkgfm (cmark, in
C) instead; any other body, and every body when cmarkgfm is not installed, goes through
Python-Markdown. Both outputs are cleaned by the same nh3 call (for cmark's output of a
plain body, `clean_plain` gives the bytes nh3 would, without parsing it again).
`is_plain(body)` is the gate; tests/test_markup.py compares the two engines' cleaned
output over the sample content, the fixtures, a generated corpus and random bodies.
"""

from __future__ import annotations

import re
from typing import Any

import nh3
from markupsafe import Markup

try:  # optional: without it every body takes the Python-Markdown path
    import cmarkgfm as _cmark
    from cmarkgfm.cmark import Options as _Options

    _CMARK_OPTIONS = _Options.CMARK_OPT_UNSAFE  # raw HTML is left to nh3, as with Python-Markdown
except ImportError:  # pragma: no cover - depends on the installation
    _cmark = None

_BARE_LINK = re.compile(r'<a rel="noopener noreferrer">')
URL_SCHEMES = {"http", "https", "mailto"}

# One line of a plain body, by kind. Anything else sends the body to Python-Markdown.
_HEADING = re.compile(r"(#{1,6}) (?=\S)(.*[^#\s])\Z")
_BULLET = re.compile(r"([-*+]) (?=\S)(.*)\Z")
_NUMBER = re.compile(r"(\d{1,9})\. (?=\S)(.*)\Z")
# Inline links [text](url): plain text, and a URL of safe characters only.
_LINK = re.compile(r"\[([^\[\]()\\`<>*_!|{}^~&\n]+)\]\(((?:https?://|mailto:|/)"
                   r"[A-Za-z0-9\-._~:/?#=%+,;@]*)\)")
# Characters with a meaning in either engine (or its extensions) that plain text avoids.
_SPECIAL_CHARS = "\\`<*_[]|{}^~\x7f\x85\u2028\u2029" + "".join(map(chr, range(32)))
_ENTITY = re.compile(r"&[#A-Za-z0-9]+;?")
_PLAIN_START = re.compile(r"[^\s#>\-+*=_:|`~<\[\]!\\{}0-9]|\d+(?![.)\d])|\[(?=[^\]]*\]\()")
# A line that starts with a character the loader escaped so that it is not read as a block
# (a list marker, `#`, `>`; a number's `.` or `)`): both engines read it as text.
_ESCAPED_START = re.compile(r"(?:\\[#>+*-]|\d{1,9}\\[.)])(.*)\Z")


def _always(text: str) -> bool:
    return True


def _plain_inline(text: str) -> bool:
    if "[" in text or "]" in text:
        text = _LINK.sub("link", text)
    return not _special(text, _SPECIAL_CHARS)


_SPECIAL_ANYWHERE = _SPECIAL_CHARS.replace("\n", "")  # lines are checked one by one


def _special(text: str, chars: str) -> bool:
    """A character (or `![`, or an entity) with a meaning in either engine."""
    return any(c in text for c in chars) or "![" in text \
        or ("&" in text and bool(_ENTITY.search(text)))


def is_plain(body: str) -> bool:
    """True when both engines are known to read `body` the same way."""
    unlinked = _LINK.sub("link", body) if "[" in body else body
    if not _special(unlinked, _SPECIAL_ANYWHERE):  # the common case: check lines' shapes only
        return _plain_lines(unlinked, inline=False)
    return _plain_lines(body, inline=True)


def _plain_lines(body: str, inline: bool) -> bool:
    plain_inline = _plain_inline if inline else _always
    previous = "blank"  # kind of the previous line: blank, text, heading, bullet, number
    marker = ""
    for line in body.split("\n"):
        if not line:
            if previous in ("bullet", "number"):
                previous = "after-list"
            elif previous != "after-list":
                previous = "blank"
            continue
        if line[-1].isspace() or line[0].isspace():
            return False
        if line[0] == "#":
            found = _HEADING.match(line)
            if not found or previous not in ("blank", "after-list") \
                    or not plain_inline(found.group(2)):
                return False
            previous = "heading"
            continue
        if previous == "heading":  # a heading is followed by a blank line
            return False
        if line[0] == "\\" or (line[0].isdigit() and "\\" in line):
            escaped = _ESCAPED_START.match(line)
            if escaped:
                if previous in ("bullet", "number") or not plain_inline(escaped.group(1)):
                    return False
                previous = "text"
                continue
        if line[0] in "-*+" or line[0].isdigit():
            found = _BULLET.match(line) if line[0] in "-*+" else _NUMBER.match(line)
            if found:
                kind = "bullet" if line[0] in "-*+" else "number"
                this = found.group(1) if kind == "bullet" else "."
                if previous == kind:
                    if this != marker:
                        return False
                elif previous != "blank" or (kind == "number" and found.group(1) != "1"):
                    return False  # a list starts after a blank line, not after another list
                marker = this
                item = found.group(2)  # read as blocks by both: it must start plainly too
                if not _PLAIN_START.match(item) or not plain_inline(item):
                    return False
                previous = kind
                continue
        if previous in ("bullet", "number"):
            return False  # lazy continuation lines read differently
        if not _PLAIN_START.match(line) or not plain_inline(line):
            return False
        if previous == "text" and (set(line) <= {"=", "-", " "}):
            return False
        previous = "text"
    return True


def clean_html(html: str) -> str:
    """The one sanitizer both engines' output goes through."""
    clean = nh3.clean(html, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
    # A link whose unsafe href was removed keeps only `rel`, which needs an href.
    return _BARE_LINK.sub("<a>", clean)


# Every tag cmark writes for a plain body; a link's address is one `is_plain` let through.
_PLAIN_TAG = re.compile(r'<(?:/?(?:p|h[1-6]|ul|ol|li)|/a|a href="(?:https?://|mailto:|/)'
                        r'[A-Za-z0-9\-._~:/?#=%+,;@]*")>')
_PLAIN_LINK = re.compile(r'(<a href="[^"]*")>')
_HREF = re.compile(r'<a href="(https?://[^"]*)"')
# The host (and port) of an absolute link that nh3 surely reads as one: names of letters,
# digits and inner hyphens, the last one starting with a letter (else it may be read as an
# IPv4 address), no punycode, a port in range. nh3 drops a link whose host it cannot read
# (a percent sign, a number out of range, a bad port, bad punycode): such links go through
# it.
_SIMPLE_HOST = re.compile(r"https?://((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*"
                          r"[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?::([0-9]{1,5}))?"
                          r"(?=[/?#]|\Z)")


def _simple_host(href: str) -> bool:
    found = _SIMPLE_HOST.match(href)
    return found is not None and "xn--" not in found.group(1).lower() \
        and (found.group(2) is None or int(found.group(2)) <= 65535)


def clean_plain(html: str) -> str:
    """clean_html(html) for cmark's HTML of a plain body, without a second HTML parse.

    Such HTML has only the tags above and text escaped by cmark; nh3 would keep it all
    and change only how it is written: `"` unescaped in text, and `rel` on links. Anything
    else (another tag, a non-breaking space, which nh3 writes as `&nbsp;`) goes through
    clean_html. tests/test_markup.py checks both give the same bytes.
    """
    if "\u00a0" in html or html.count("<") != len(_PLAIN_TAG.findall(html)) or (
            "://" in html and not all(map(_simple_host, _HREF.findall(html)))):
        return clean_html(html)
    html = html.replace("&quot;", '"')
    if "<a " in html:
        html = _PLAIN_LINK.sub(r'\1 rel="noopener noreferrer">', html)
    return html


class Markdown:
    """Markdown to sanitized HTML; the slow engine is made only when a body needs it."""

    def __init__(self, fast: bool = True) -> None:
        self._md: Any = None
        self.fast = fast and _cmark is not None
        self.counts = {"fast": 0, "reference": 0}

    def reference(self, text: str) -> str:
        """Python-Markdown's HTML (not yet cleaned)."""
        if self._md is None:
            import markdown as md

            self._md = md.Markdown(extensions=["extra", "sane_lists"], output_format="html")
        return self._md.reset().convert(text)

    def fast_html(self, text: str) -> str:
        """cmark's HTML for a plain body (not yet cleaned), shaped like Python-Markdown's."""
        html = _cmark.markdown_to_html(text, options=_CMARK_OPTIONS)
        return html[:-1] if html.endswith("\n") else html

    def __call__(self, text: str) -> Markup:
        if self.fast and is_plain(text):
            self.counts["fast"] += 1
            return Markup(clean_plain(self.fast_html(text)))
        self.counts["reference"] += 1
        return Markup(clean_html(self.reference(text)))
