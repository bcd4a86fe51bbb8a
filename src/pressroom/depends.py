"""The dependency record: a fingerprint of everything one output page displays.

An incremental build renders only the pages whose fingerprint changed since the last
build and links the others from it. A fingerprint hashes:
- the Pressroom version and the site configuration;
- the text of every template the page's template can reach (extends, include, import;
  all templates when a name is computed);
- the page's own fields (path, title, description, dates, ...);
- what its template shows, by page kind: the digest of each release it lists (the
  release file as read, so any edit counts), the names and slugs of the terms it links,
  pagers, counts, neighbours and related releases.

The per-kind parts mirror the default theme. A template of the site's own can show
anything reachable from its context, so a page whose templates include one of the site's
also depends on the whole archive (any release change renders it again): slower, never
wrong. tests/test_incremental.py checks that random edits, additions and deletions give
the same output as a clean build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from pressroom import __version__
from pressroom.archive import Archive, Entry, EventTerm, QuoteEntry, Term
from pressroom.config import SiteConfig
from pressroom.digest import digest

FORMAT = 5  # bump when what goes into a fingerprint, or how pages show it, changes


def _day(date: dt.date | None) -> int | None:
    return date.toordinal() if date is not None else None


def _joined(parts: list[bytes]) -> bytes:
    return hashlib.blake2b(b"".join(parts), digest_size=16).digest()


def _keys(known: dict[int, bytes], items: Iterable[Any], name: Callable[[Any], Any],
          ) -> list[bytes]:
    """The digest of `name(item)` for each item, remembered in `known` by id() (what is
    named lives, unchanged, all build long)."""
    found = []
    for item in items:
        key = known.get(id(item))
        if key is None:
            key = known[id(item)] = digest(name(item))
        found.append(key)
    return found


def config_digest(config: SiteConfig) -> bytes:
    return digest(FORMAT, __version__, repr(config), os.path.abspath(config.root))


class TemplateDigests:
    """Per template name: a digest of its text and of every template it can reach."""

    def __init__(self, env: jinja2.Environment, site_templates: Path,
                 known: dict[bytes, list[str | None]] | None = None):
        self.env = env
        self.site_templates = site_templates
        self._own: dict[str, tuple[bytes, list[str | None], bool]] = {}
        self._closure: dict[str, tuple[bytes, bool]] = {}
        self._refs: dict[bytes, list[str | None]] = {}  # by digest of name and text
        self._known = known if isinstance(known, dict) else {}

    def known(self) -> dict[bytes, list[str | None]]:
        """The templates each template read refers to, by its name and text, to pass to
        the next build's TemplateDigests (which then need not parse them again)."""
        return self._refs

    def _read(self, name: str) -> tuple[bytes, list[str | None], bool]:
        if name not in self._own:
            source, filename, _ = self.env.loader.get_source(self.env, name)
            key = digest(name, source)
            refs = self._known.get(key)
            if refs is None:
                refs = list(meta.find_referenced_templates(
                    self.env.parse(source, name, filename)))
            self._refs[key] = refs
            local = bool(filename) and Path(filename).resolve().is_relative_to(
                self.site_templates.resolve())
            self._own[name] = (key, refs, local)
        return self._own[name]

    def closure(self, name: str) -> tuple[bytes, bool]:
        """(digest of every template `name` reaches, whether one is the site's own)."""
        if name not in self._closure:
            seen: dict[str, bytes] = {}
            local = False
            todo = [name]
            while todo:
                current = todo.pop()
                if current in seen:
                    continue
                own, refs, is_local = self._read(current)
                seen[current] = own
                local = local or is_local
                for ref in refs:
                    if ref is None:  # a computed name: any template may be used
                        todo.extend(self.env.list_templates())
                    else:
                        todo.append(ref)
            self._closure[name] = (digest(sorted(seen.items())), local)
        return self._closure[name]


def term_id(term: Term | None) -> tuple:
    if term is None:
        return ()
    return (term.kind, term.name, term.slug, term.acronym, term.code)


def event_id(event: EventTerm) -> tuple:
    return (event.name, event.slug, event.year, event.location, _day(event.start),
            _day(event.end), event.days, event.organizer)


class Fingerprints:
    """Fingerprints of the pages of one archive; per-release parts computed once."""

    def __init__(self, archive: Archive, config: SiteConfig, templates: TemplateDigests,
                 release_digests: dict[str, bytes],
                 related: Callable[[Entry], list[Entry]]):
        self.archive = archive
        self.templates = templates
        self.base = config_digest(config)
        self.release_digests = release_digests
        self.related = related
        self._card_list: list[bytes] | None = None
        self._quotes: dict[int, tuple] = {}  # by id(): the archive's quotes live all build
        # The same as 16 bytes each, to join: a page lists many (by id(), as above).
        self._quote_keys: dict[int, bytes] = {}
        self._term_keys: dict[int, bytes] = {}
        self._whole: bytes | None = None

    def release(self, entry: Entry) -> bytes:
        release = entry.release
        known = self.release_digests.get(release.path or "")
        return known if known is not None else digest(repr(release), release.path)

    def card(self, entry: Entry) -> bytes:
        """An entry as lists show it: the release, its slug and its tags' names."""
        return self._all_cards()[entry.number]

    def all_cards(self) -> list[bytes]:
        """Every entry's card, in archive order."""
        return self._all_cards()

    def lasting(self, value: Any) -> Any:
        """What a list partial shows of an archive object, as a fingerprint (None for an
        object it has none for): its name in the partial store kept between builds."""
        if isinstance(value, Entry):
            return self.card(value)
        if isinstance(value, QuoteEntry):
            return self.quote(value)
        return None

    def _all_cards(self) -> list[bytes]:
        if self._card_list is None:
            self._card_list = [
                digest(self.release(e), e.slug, [(t.name, t.slug) for t in e.terms.get("tags", [])])
                for e in self.archive.entries]
        return self._card_list

    def cards(self, entries: Iterable[Entry]) -> bytes:
        """The cards of several entries, as one digest."""
        cards = self._all_cards()
        return _joined([cards[e.number] for e in entries])

    def quote(self, item: QuoteEntry) -> tuple:
        found = self._quotes.get(id(item))  # a quote is listed on several pages
        if found is None:
            found = self._quotes[id(item)] = (self.card(item.entry), item.index,
                                              term_id(item.speaker))
        return found

    def quotes(self, items: Iterable[QuoteEntry]) -> bytes:
        """Several quotes (each as `quote` shows it), as one digest."""
        return _joined(_keys(self._quote_keys, items, self.quote))

    def terms(self, terms: Iterable[Term]) -> bytes:
        """Several terms (each as `term_id` names it), joined: a term's digest names its
        kind, so the lists of several kinds joined are still told apart."""
        return b"".join(_keys(self._term_keys, terms, term_id))

    def whole(self) -> bytes:
        """The whole archive: for pages whose templates may show anything."""
        if self._whole is None:
            self._whole = digest(self.cards(self.archive.entries),
                                 [event_id(e) for e in self.archive.events],
                                 {k: sorted((t.slug, t.name, t.acronym, t.code,
                                             len(t.releases), len(t.quotes))
                                            for t in v.values())
                                  for k, v in self.archive.taxonomies.items()})
        return self._whole

    def page(self, page: Any) -> bytes:
        """The fingerprint of one planned page (a `plan.Page`)."""
        templates, local = self.templates.closure(page.template)
        shown = self._shown(page)
        return digest(self.base, templates, page.path, page.template, page.title, page.lang,
                      page.absolute_links, page.description, page.og_type, _day(page.updated),
                      shown, self.whole() if local else b"")

    def _shown(self, page: Any) -> Any:
        ctx = page.context
        pager = ctx.get("pager")
        pager_part = None
        if pager is not None:
            items = pager["items"]
            if items and isinstance(items[0], QuoteEntry):
                shown_items = self.quotes(items)
            else:
                shown_items = self.cards(items)
            # How long the list is shows on its front page only (see plan.paginate).
            pager_part = (pager["number"], pager["front"], pager["newest"], pager["previous"],
                          pager["next"], pager["pages"], shown_items,
                          (pager["count"], pager["total"]) if pager["front"] else None)
        template = page.template
        if template == "release.html":
            return (pager_part, self._release_page(ctx["entry"]))
        if "term" in ctx:
            return (pager_part, self._term_page(ctx, pager))
        if "event" in ctx:
            return self._event_page(ctx["event"])
        if "terms" in ctx:
            return [(term_id(t), len(t.releases), len(t.quotes)) for t in ctx["terms"]]
        if "events" in ctx:
            return [(event_id(e), _day(e.date), len(e.releases)) for e in ctx["events"]]
        if "speakers" in ctx:
            first = pager is None or pager["front"]
            return (pager_part, [(term_id(t), len(t.quotes)) for t in ctx["speakers"]]
                    if first else None,
                    [(term_id(t), n) for t, n in ctx["tags"]] if first else None)
        if "entries" in ctx:  # a year
            return (ctx["year"], self.cards(ctx["entries"]), ctx["busy"], ctx["months"],
                    ctx["newer"], ctx["older"])
        if "years" in ctx:
            return ctx["years"]
        return (pager_part, sorted((k, repr(v)) for k, v in ctx.items() if k != "pager"))

    def _release_page(self, entry: Entry) -> tuple:
        return (self.release(entry), entry.slug,
                self.terms([t for terms in entry.terms.values() for t in terms]),
                self.terms([t for t, _ in entry.people]),
                [event_id(e) for e in entry.events],
                self.quotes(entry.quotes),
                self.card(entry.previous) if entry.previous else None,
                self.card(entry.next) if entry.next else None,
                self.cards(self.related(entry)))

    def _term_page(self, ctx: dict[str, Any], pager: Any) -> tuple:
        term: Term = ctx["term"]
        if pager is not None and not pager["front"]:
            return term_id(term)
        quotes = ctx.get("quotes")
        extra: Any = None
        if term.kind in ("people", "organizations"):
            history = [(s.role, self.card(s.first), self.card(s.last))
                       for s in term.role_history()] if term.kind == "people" else None
            extra = (history, self.quotes(term.quotes),
                     self.cards(term.releases[:20]))
        return (term_id(term), len(term.releases), len(term.quotes),
                len(quotes) if quotes is not None else None, extra)

    def _event_page(self, event: EventTerm) -> tuple:
        return (event_id(event), _day(event.date), self.cards(event.releases),
                self.terms(event.people), self.terms(event.organizations),
                self.quotes(event.quotes))
