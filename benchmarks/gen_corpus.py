#!/usr/bin/env python3
"""Deterministic synthetic press releases for the benchmarks (standard library only).

    python benchmarks/gen_corpus.py N OUTDIR [--seed 42] [--format md|txt] [--first 1]

`md` writes one Markdown release per file with the front matter of the release format
(title, date, location, language, summary, tags, countries, organizations, people,
quotes, slug) and a body of 4-8 paragraphs (about 3,000 characters: dateline, quotes,
sometimes a heading and a bullet list, an "About" paragraph and a link). `txt` writes the
same releases as raw text: the title line, a blank line, the paragraphs, the first one
opening with a dateline ("Lyon, 24 June 2022. "), sometimes a contact block at the end.

Release i depends only on the seed and i, so the corpus of 1,000 is the first 1,000
releases of the corpus of 10,000, and `--first N+1` makes releases that are new to the
corpus of N. Strings in the front matter are JSON strings (valid YAML double-quoted
scalars) and records are JSON objects (valid YAML flow mappings), so `read_front_matter`
below reads them back with json alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

TAGS = """energy|climate|investment|health|technology|trade|research|education|
sustainability|renewable energy|innovation|employment|infrastructure|public health|
transport|financial results|agriculture|digital services|startups|artificial intelligence|
water|manufacturing|banking|human rights|food security|cybersecurity|solar power|
wind power|tourism|culture|supply chains|logistics|housing|urban development|
telecommunications|vaccines|pharmaceuticals|biodiversity|oceans|hydrogen|
electric vehicles|batteries|mining|oil and gas|nuclear energy|energy efficiency|emissions|
carbon markets|climate finance|forests|fisheries|circular economy|recycling|plastics|
air quality|railways|aviation|shipping|ports|exports|tariffs|venture capital|fintech|
insurance|monetary policy|inflation|labour rights|wages|pensions|tax policy|public finance|
development aid|humanitarian aid|refugees|migration|gender equality|children|
higher education|vocational training|science|space|satellites|data protection|privacy|
broadband|semiconductors|cloud computing|open source|e-commerce|retail|
consumer protection|competition|regulation|medical devices|mental health|hospitals|
nutrition|sport|heritage|film|music|media|journalism|elections|democracy|governance|
anti-corruption|justice|security|defence|peacekeeping|diplomacy|summits|
mergers and acquisitions|annual report|appointments|awards|product launch|expansion|
construction|automotive|chemicals|steel|textiles|real estate|smart cities|mobility|
cycling|road safety|disaster relief|floods|drought|wildfires|rural development|
small business|philanthropy|universities|youth|ageing|disability|indigenous peoples|
corporate governance|dividends|bonds|payments|open data|statistics|robotics|drones|
biotechnology|genomics|clinical trials|malaria|sanitation|irrigation|aquaculture|coffee|
cocoa|geothermal|hydropower|energy storage|carbon capture|green bonds|microfinance|
remittances|customs|maritime security"""
TAGS = [t.strip() for t in TAGS.replace("\n", "").split("|")]

PLACES = """Paris/France Lyon/France Berlin/Germany Munich/Germany Hamburg/Germany Rome/Italy
Milan/Italy Madrid/Spain Barcelona/Spain Málaga/Spain Lisbon/Portugal London/United_Kingdom
Edinburgh/United_Kingdom Dublin/Ireland Amsterdam/Netherlands Brussels/Belgium
Liège/Belgium Geneva/Switzerland Zürich/Switzerland Vienna/Austria Copenhagen/Denmark
Stockholm/Sweden Malmö/Sweden Oslo/Norway Tromsø/Norway Helsinki/Finland Reykjavík/Iceland
Warsaw/Poland Kraków/Poland Prague/Czechia Budapest/Hungary Bucharest/Romania
Athens/Greece Zagreb/Croatia Tallinn/Estonia Riga/Latvia Vilnius/Lithuania Kyiv/Ukraine
Istanbul/Türkiye Ankara/Türkiye Amman/Jordan Cairo/Egypt Rabat/Morocco Tunis/Tunisia
Dakar/Senegal Abidjan/Côte_d'Ivoire Accra/Ghana Lagos/Nigeria Abuja/Nigeria
Yaoundé/Cameroon Addis_Ababa/Ethiopia Nairobi/Kenya Mombasa/Kenya Kampala/Uganda
Kigali/Rwanda Johannesburg/South_Africa Cape_Town/South_Africa Maputo/Mozambique
Riyadh/Saudi_Arabia Dubai/United_Arab_Emirates Doha/Qatar New_Delhi/India Mumbai/India
Bengaluru/India Karachi/Pakistan Dhaka/Bangladesh Colombo/Sri_Lanka Kathmandu/Nepal
Beijing/China Shanghai/China Tokyo/Japan Osaka/Japan Seoul/South_Korea Manila/Philippines
Hanoi/Viet_Nam Bangkok/Thailand Kuala_Lumpur/Malaysia Singapore/Singapore
Jakarta/Indonesia Sydney/Australia Perth/Australia Wellington/New_Zealand Ottawa/Canada
Toronto/Canada Montréal/Canada Washington/United_States New_York/United_States
Chicago/United_States Mexico_City/Mexico Guatemala_City/Guatemala San_José/Costa_Rica
Panama/Panama Bogotá/Colombia Lima/Peru Santiago/Chile Buenos_Aires/Argentina
São_Paulo/Brazil Brasília/Brazil Montevideo/Uruguay"""
PLACES = [tuple(p.replace("_", " ").split("/")) for p in PLACES.split()]

FIRST = [
    "Anna", "Lars", "Sofia", "Mateo", "Amara", "Kenji", "Priya", "Olusegun", "Chloé", "Jonas",
    "Fatima", "Diego", "Mei", "Ahmed", "Ingrid", "Tomás", "Aisha", "Pierre", "Hana", "Rafael",
    "Zoë", "Łukasz", "Nadia", "Samuel", "Elena", "Kwame", "Yuki", "Marta", "Omar", "Greta", "Ravi",
    "Lucía", "Henrik", "Amina", "José", "Ewa", "Thabo", "Camille", "Arjun", "Leila",
]
LAST = [
    "Kowalska", "Eriksen", "Rossi", "García", "Okafor", "Tanaka", "Sharma", "Adeyemi", "Dubois",
    "Becker", "Haddad", "Fernández", "Chen", "Rahman", "Johansson", "Silva", "Mensah", "Laurent",
    "Kim", "Moreau", "Müller", "Nowak", "Petrov", "Costa", "Nguyen", "Kariuki", "Suzuki", "Schmidt",
    "Lindqvist", "Patel", "Romero", "Hansen", "Diallo", "Santos", "Ndlovu", "Martin", "Iyer",
    "Khoury", "O'Brien", "Yılmaz",
]
ORG_A = [
    "Nordwind", "Helix", "Aurora", "Meridian", "Atlas", "Solstice", "Vireo", "Cobalt", "Lumen",
    "Orbis", "Pinecrest", "Tessera", "Halcyon", "Quanta", "Riverside", "Sable", "Trident",
    "Verdant", "Zenith", "Alder",
]
ORG_B = [("Energy", "energy company"), ("Biotech", "biotechnology company"),
         ("Logistics", "logistics group"), ("Foundation", "charitable foundation"),
         ("Systems", "technology company"), ("Development Bank", "development bank"),
         ("Institute", "research institute"), ("Capital", "investment firm"),
         ("Health", "healthcare provider"), ("Networks", "telecommunications operator"),
         ("Mobility", "transport company"), ("Agritech", "agricultural technology company")]
ROLES = ["Chief Executive Officer of {org}", "Chief Financial Officer of {org}",
         "Managing Director of {org}", "Chair of the Board of {org}",
         "Head of Research at {org}", "Director of Operations at {org}",
         "Minister of Energy of {country}", "Minister of Trade of {country}",
         "Ambassador of {country}", "Mayor of {city}", "Secretary-General of {org}",
         "Regional Director for {country} at {org}"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
TITLES = [
    "{org} opens new {facility} in {city}",
    "{org} reports {pct}% rise in {metric} for {prev_year}",
    "{country} and {country2} sign agreement on {topic}",
    "{org} launches {adj} programme on {topic}",
    "{org} appoints {person} as {short_role}",
    "New study by {org} highlights {topic} challenges in {country}",
    "{org} partners with {org2} to accelerate {topic}",
    "{org} to invest {money} in {topic} across {country}",
    "{city} hosts international conference on {topic}",
    "{org} wins {award} for work on {topic}",
    "Statement by {person} on {topic}",
    "{org} expands {topic} operations to {country2}",
]
LEDES = [
    "{org} today announced {news}, a step that it says will strengthen its work on {topic} "
    "in {country} and beyond.",
    "{org} has announced {news}. The decision follows {n} months of consultation with "
    "partners, regulators and local communities in {city}.",
    "In a move welcomed by partners across the region, {org} confirmed {news}, building on "
    "its long-standing commitment to {topic}.",
]
NEWS = ["the opening of a {facility} in {city}", "a {money} investment in {topic}",
        "a {adj} partnership with {org2}", "the launch of a {adj} programme on {topic}",
        "the results of a {n}-month pilot project on {topic}",
        "a {pct}% increase in {metric} compared with {prev_year}"]
SENTENCES = [
    "The initiative is expected to create around {jobs} jobs in {city} over the next "
    "{years} years.",
    "According to figures published by {org2}, demand for {topic} services has grown by "
    "{pct}% since {prev_year}.",
    "The first phase will run until {month} {next_year}, with a review of progress at the "
    "end of each quarter.",
    "Partners include {org2}, several universities and a network of local organisations "
    "working on {topic2}.",
    "The programme builds on earlier work in {country2}, where a similar approach reduced "
    "costs by {pct}% within two years.",
    "Funding of {money} has been committed, of which {pct2}% comes from private investors.",
    "Independent experts will evaluate the results, and a full report will be made "
    "available to the public.",
    "The announcement comes at a time of growing interest in {topic} among governments, "
    "businesses and civil society.",
    "Over {people_n} people are expected to benefit directly from the project.",
    "The agreement also covers cooperation on {topic2}, data sharing and the training of "
    "specialists.",
    "Officials said the timetable remains ambitious but achievable, provided that permits "
    "are granted on schedule.",
    "Local authorities in {city} have welcomed the plan and pledged to support it.",
    "The decision was taken after a review of {n} proposals from {n2} countries.",
    "Last year, {org} reported revenue of {money}, up {pct}% on the previous year.",
    "A public consultation on the next steps will open in {month} and run for twelve weeks.",
    "Training sessions for staff and partners will begin in {month} with a workshop in "
    "{city2}.",
    "Further details, including eligibility criteria and deadlines, will be announced in "
    "the coming weeks.",
]
QUOTES = [
    "This is an important step for {topic} in {country}",
    "We are proud to work with {org2} on a challenge that matters to millions of people",
    "Today's announcement shows what the public and private sectors can achieve together",
    "Our goal is simple: to make {topic} work better for the people who depend on it",
    "The results speak for themselves, and we intend to build on them",
    "There is still a great deal of work ahead, but the direction is clear",
    "Investing in {topic} today means stronger communities tomorrow",
    "I want to thank everyone in {city} who helped make this possible",
]
LIST_ITEMS = ["{money} committed over {years} years", "{jobs} jobs expected in {city}",
              "{pct}% reduction in costs targeted by {next_year}", "Partners in {n2} countries",
              "First results due in {month} {next_year}", "Pilot sites in {city} and {city2}",
              "Independent evaluation by {org2}"]
WORDS = {
    "facility": ["research centre", "logistics hub", "manufacturing plant", "regional office",
                 "training academy", "data centre", "innovation lab"],
    "metric": ["revenue", "exports", "operating profit", "installed capacity", "output"],
    "adj": ["new", "national", "regional", "five-year", "pilot", "international", "joint"],
    "award": ["Innovation Award", "Sustainability Prize", "Excellence Award", "Impact Prize"],
    "heading": ["Background", "Key figures", "Next steps", "About the programme", "Context"],
}


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()


class Vocab:
    """Organisations and people: depend on the seed only."""

    def __init__(self, seed: int):
        rng = random.Random(f"vocab-{seed}")
        self.orgs = [(f"{a} {b}", kind) for a in ORG_A for b, kind in rng.sample(ORG_B, 4)]
        self.home = {org: rng.choice(PLACES) for org, _ in self.orgs}
        self.founded = {org: rng.randint(1950, 2004) for org, _ in self.orgs}
        self.people = []
        for name in rng.sample([f"{f} {la}" for f in FIRST for la in LAST], 400):
            org = rng.choice(self.orgs)[0]
            city, country = self.home[org]
            self.people.append((name, rng.choice(ROLES).format(org=org, city=city,
                                                                country=country)))
        self.tag_weights = [1 / (r + 1) for r in range(len(TAGS))]  # Zipf-like
        self.people_weights = [1 / (r + 1) ** 0.6 for r in range(len(self.people))]


def _sample(rng: random.Random, items: list, weights: list, k: int) -> list:
    """k distinct items drawn by weight."""
    pool, w, out = list(items), list(weights), []
    for _ in range(k):
        i = rng.choices(range(len(pool)), weights=w)[0]
        out.append(pool.pop(i))
        w.pop(i)
    return out


def make_release(i: int, seed: int, vocab: Vocab) -> dict:
    """Release number i (1-based) as a dict of fields plus `blocks` for the body."""
    rng = random.Random(f"release-{seed}-{i}")
    date = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(20 * 365))
    (org, kind), org2 = rng.choice(vocab.orgs), rng.choice(vocab.orgs)[0]
    city, country = rng.choice(PLACES)
    city2, country2 = rng.choice([p for p in PLACES if p[1] != country])
    tags = _sample(rng, TAGS, vocab.tag_weights, rng.randint(2, 6))
    speakers = _sample(rng, vocab.people, vocab.people_weights, rng.randint(1, 3))

    def fill(template: str, **extra) -> str:
        unit = rng.choice(["EUR", "USD", "GBP"])
        values = dict(
            org=org, org2=org2, city=city, city2=city2, country=country, country2=country2,
            topic=tags[0], topic2=tags[1], person=speakers[0][0],
            short_role=speakers[0][1].split(" of ")[0].split(" at ")[0],
            money=f"{unit} {rng.randint(2, 950)} million", pct=rng.randint(3, 60),
            pct2=rng.randint(10, 90), n=rng.randint(3, 36), n2=rng.randint(3, 40),
            jobs=rng.randint(20, 900), years=rng.randint(2, 10),
            people_n=f"{rng.randint(2, 950) * 1000:,}", prev_year=date.year - 1,
            next_year=date.year + rng.randint(1, 6), month=rng.choice(MONTHS),
            **{k: rng.choice(v) for k, v in WORDS.items()})
        values.update(extra)
        return template.format(**values)

    deck: list[str] = []

    def sentences(k: int) -> str:
        out = []
        for _ in range(k):
            if not deck:
                deck.extend(rng.sample(SENTENCES, len(SENTENCES)))
            out.append(fill(deck.pop()))
        return " ".join(out)

    title = fill(rng.choice(TITLES))
    title = title[0].upper() + title[1:]
    lede = fill(rng.choice(LEDES), news=fill(rng.choice(NEWS)))
    blocks = [("p", lede + " " + sentences(2))]
    n_par = rng.randint(4, 8)
    per_par = max(2, round(18 / n_par) + 1)
    quote_at = dict(zip(sorted(rng.sample(range(1, n_par), min(len(speakers), n_par - 1))),
                        speakers, strict=True))
    heading_at = rng.randint(2, n_par - 1) if rng.random() < 0.5 else None
    list_at = rng.randint(1, n_par - 1) if rng.random() < 0.4 else None
    quotes = []
    for p in range(1, n_par):
        if p == heading_at:
            blocks.append(("h", fill("{heading}")))
        if p == list_at:
            blocks.append(("p", "Key facts:"))
            blocks.append(("ul", [fill(x) for x in rng.sample(LIST_ITEMS, rng.randint(3, 5))]))
        if p in quote_at:
            name, role = quote_at[p]
            text, more = (fill(q) for q in rng.sample(QUOTES, 2))
            quotes.append({"speaker": name, "text": text})
            blocks.append(("p", f"\u201c{text},\u201d said {name}, {role}. \u201c{more}.\u201d "
                                + sentences(per_par - 1)))
        else:
            blocks.append(("p", sentences(per_par)))
    home_city, home_country = vocab.home[org]
    blocks.append(("h", f"About {org}"))
    blocks.append(("p", f"{org} is a {kind} based in {home_city}, {home_country}. Founded in "
                        f"{vocab.founded[org]}, it employs more than "
                        f"{rng.randint(2, 80) * 100:,} people."))
    blocks.append(("link", (f"More information about {org}",
                            f"https://www.example.org/{slugify(org)}/news/{i}")))
    orgs = [{"name": org}] + ([{"name": org2}] if org2 != org else [])
    return {
        "title": title, "date": date, "location": city, "language": "en",
        "summary": lede.split(". ")[0].rstrip(".") + ".", "tags": tags,
        "countries": sorted({country, country2}), "organizations": orgs,
        "people": [{"name": n, "role": r} for n, r in speakers], "quotes": quotes,
        "slug": f"{slugify(title)[:60].rstrip('-')}-{i:06d}", "blocks": blocks,
        "contact": rng.random() < 0.3,
    }


def _dateline(rel: dict) -> str:
    d = rel["date"]
    return f"{rel['location']}, {d.day} {MONTHS[d.month - 1]} {d.year}. "


def to_markdown(rel: dict) -> str:
    js = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    fm = ["---", f"title: {js(rel['title'])}", f"date: {rel['date'].isoformat()}"]
    fm += [f"{k}: {js(rel[k])}" for k in ("location", "language", "summary", "tags",
                                          "countries")]
    for key in ("organizations", "people", "quotes"):
        fm.append(f"{key}:")
        fm += [f"  - {js(item)}" for item in rel[key]]
    fm += [f"slug: {rel['slug']}", "---"]
    body = []
    for kind, value in rel["blocks"]:
        if kind == "p":
            body.append(("" if body else _dateline(rel)) + value)
        elif kind == "h":
            body.append(f"## {value}")
        elif kind == "ul":
            body.append("\n".join(f"- {item}" for item in value))
        else:
            body.append(f"[{value[0]}]({value[1]})")
    return "\n".join(fm) + "\n" + "\n\n".join(body) + "\n"


def to_text(rel: dict) -> str:
    out = [rel["title"]]
    for kind, value in rel["blocks"]:
        if kind == "p":
            out.append(("" if len(out) > 1 else _dateline(rel)) + value)
        elif kind == "h":
            out.append(value)
        elif kind == "ul":
            out.append("\n".join(f"- {item}" for item in value))
        else:
            out.append(f"{value[0]}: {value[1]}")
    if rel["contact"]:
        out += ["###", "For more information, please contact the press office: "
                       "press@example.org"]
    return "\n\n".join(out) + "\n"


def write_corpus(n: int, outdir: Path, seed: int = 42, fmt: str = "md",
                 first: int = 1) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    vocab = Vocab(seed)
    render = to_markdown if fmt == "md" else to_text
    for i in range(first, first + n):
        rel = make_release(i, seed, vocab)
        (outdir / f"{rel['slug']}.{fmt}").write_text(render(rel), encoding="utf-8")


def release_text(i: int, seed: int = 42, fmt: str = "txt") -> tuple[str, str]:
    """(slug, text) of release i alone."""
    rel = make_release(i, seed, Vocab(seed))
    return rel["slug"], (to_markdown if fmt == "md" else to_text)(rel)


def generator_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def default_cache() -> Path:
    return Path(tempfile.gettempdir()) / "pressroom-bench-cache"


def cached_corpus(n: int, fmt: str = "md", seed: int = 42, cache: Path | None = None) -> Path:
    """The corpus folder for (n, fmt, seed), generated once per version of this file."""
    folder = (cache or default_cache()) / f"corpus-{fmt}-{n}-s{seed}-{generator_hash()}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        write_corpus(n, tmp, seed, fmt)
        (tmp / ".complete").touch()
        tmp.rename(folder)
    return folder


def read_front_matter(text: str) -> tuple[dict, str]:
    """(fields, body) of a file written by `to_markdown` (not a general YAML reader)."""
    head, _, body = text[4:].partition("\n---\n")
    meta: dict = {}
    key = None
    for line in head.splitlines():
        if line.startswith("  - "):
            meta[key].append(json.loads(line[4:]))
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if key in ("date", "slug"):
            meta[key] = value
        else:
            meta[key] = json.loads(value) if value else []
    return meta, body


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of releases")
    ap.add_argument("outdir", type=Path, help="folder to write into (created)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--format", choices=["md", "txt"], default="md")
    ap.add_argument("--first", type=int, default=1, help="number of the first release")
    a = ap.parse_args(argv)
    write_corpus(a.n, a.outdir, a.seed, a.format, a.first)
    print(f"wrote {a.n} releases ({a.format}) to {a.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
