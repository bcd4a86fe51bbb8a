import json
import re

from pressroom.archive import build_archive
from pressroom.build import build
from pressroom.config import load_config
from pressroom.content import read_releases
from pressroom.errors import Diagnostics
from pressroom.plan import plan_pages
from pressroom.render import make_env, render_page


def _plan(site):
    config, _ = site
    archive = build_archive(read_releases(config, Diagnostics()))
    return config, archive, plan_pages(archive, config)


def _page(report, path):
    return (report.output / path / "index.html").read_text(encoding="utf-8")


def _jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks]


def test_release_page_panel_quotes_and_navigation(root_site):
    _, report = root_site
    html = _page(report, "releases/meeting-of-caribbean-countries-led-by-track4tip-strengthens"
                         "-communication")
    assert '<html lang="en">' in html
    assert 'id="quote-3"' in html
    assert '<a class="speaker" href="../../people/gilberto-zuleta/">Gilberto Zuleta</a>' in html
    assert 'href="../../events/caribbean-subregional-meeting-2022/"' in html
    assert 'href="../../organizations/united-nations-office-on-drugs-and-crime/">United ' \
           'Nations Office on Drugs and Crime (UNODC)</a>' in html
    assert 'href="../../countries/curacao/">Curaçao</a>' in html
    assert '<span class="role">regional officer of Track4Tip</span>' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "Related releases" in html


def test_release_json_ld_is_a_news_article_with_quotations(root_site):
    _, report = root_site
    html = _page(report, "releases/meeting-of-caribbean-countries-led-by-track4tip-strengthens"
                         "-communication")
    (data,) = _jsonld(html)
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2022-06-24"
    assert data["url"].startswith("https://example.org/releases/")
    quotes = data["hasPart"]
    assert [q["@type"] for q in quotes] == ["Quotation"] * 3
    assert quotes[1]["creator"] == {"@type": "Person", "name": "Gilberto Zuleta",
                                    "url": "https://example.org/people/gilberto-zuleta/"}
    assert quotes[1]["url"].endswith("#quote-2")
    assert {"@type": "Country", "name": "Curaçao", "identifier": "CW",
            "url": "https://example.org/countries/curacao/"} in data["mentions"]
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="https://example.org/releases/' in html


def test_text_cannot_escape_its_element_or_script(root_site):
    _, report = root_site
    html = _page(report, "releases/statement-on-script-tags-quotes-in-titles")
    assert "<script>alert" not in html
    assert "javascript:" not in html
    (data,) = _jsonld(html)  # the JSON block was not closed early
    assert data["hasPart"][0]["text"].startswith("</script><script>")


def test_spanish_release_and_entries_say_their_language(root_site):
    _, report = root_site
    assert '<html lang="es">' in _page(report, "releases/fiscales-de-panama-se-capacitan-en-el"
                                               "-darien")
    tag = report.output / "tags" / "trafficking-in-persons"
    lists = [tag / "index.html", *sorted(tag.glob("page/*/index.html"))]
    assert len(lists) > 1
    assert any('lang="es">Fiscales de Panamá' in p.read_text(encoding="utf-8") for p in lists)


def test_person_page_roles_quotes_releases_and_json_ld(root_site):
    _, report = root_site
    html = _page(report, "people/gilberto-zuleta")
    main = html[html.index("<main"):]
    assert main.index("regional officer of Track4Tip") < main.index("head of the regional office")
    assert "La cooperación entre fiscales es la clave" in html
    assert "The plan turns a week of dialogue into a year of joint work" in html  # "Zuleta"
    assert 'href="page/1/"' in html  # the older of its releases
    (data,) = _jsonld(html)
    assert data["@type"] == "Person" and data["jobTitle"] == "head of the regional office"
    assert len(data["subjectOf"]) == 4


def test_events_lists_and_quotes_pages(root_site):
    _, report = root_site
    event = _page(report, "events/caribbean-subregional-meeting-2022")
    assert "Caribbean meeting follow-up sets a working plan" in event
    assert 'href="../../people/lissette-reyes/"' in event
    assert "Our goal is to achieve operational mechanisms" in event
    events = _page(report, "events")
    assert events.index("World Drug Day") < events.index("Caribbean Subregional Meeting")
    quotes = _page(report, "quotes")
    assert 'href="../tags/migration/quotes/"' in quotes
    assert 'href="../releases/statement-on-script-tags-quotes-in-titles/#quote-1"' in quotes
    tag_quotes = _page(report, "tags/migration/quotes")
    assert "Our goal is to achieve operational mechanisms" in tag_quotes
    archive = _page(report, "archive")
    assert 'href="2022/06/"' in archive and 'href="2023/"' in archive


def test_search_page_says_something_useful_without_javascript(root_site):
    _, report = root_site
    html = _page(report, "search")
    noscript = html[html.index("<noscript>"):html.index("</noscript>")]
    assert "Search needs JavaScript" in noscript
    for target in ("../tags/", "../people/", "../countries/", "../archive/"):
        assert f'href="{target}"' in noscript


def test_a_site_template_overrides_the_theme_and_extends_base(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(
        "---\ntitle: One\ndate: 2022-01-01\ntags: [x]\n---\nBody\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "tag.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Custom {{ term.name }}</h1>'
        '{% endblock %}', encoding="utf-8")
    report = build(load_config(tmp_path))
    html = (report.output / "tags/x/index.html").read_text(encoding="utf-8")
    assert "<h1>Custom x</h1>" in html and 'rel="canonical"' in html
    assert "Skip to content" in html  # the rest of base.html is kept


def test_rendering_is_deterministic(root_site):
    config, archive, pages = _plan(root_site)
    env = make_env(config)
    page = next(p for p in pages if p.template == "person.html")
    assert render_page(env, page) == render_page(env, page)


def test_a_site_base_can_extend_the_theme_base(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: One\ndate: 2022-01-01\n---\nBody\n",
                                               encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text(
        '{% extends "theme/base.html" %}{% block head %}<link rel="stylesheet" '
        'href="{{ asset(\'site.css\') }}">{% endblock %}', encoding="utf-8")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "site.css").write_text("body { color: red; }", encoding="utf-8")
    report = build(load_config(tmp_path))
    html = (report.output / "releases/one/index.html").read_text(encoding="utf-8")
    assert 'href="../../static/site.css"' in html and 'href="../../static/style.css"' in html
    assert (report.output / "static/site.css").is_file()


def test_url_asset_and_absolute_filters_give_what_the_functions_give(root_site):
    import jinja2

    from pressroom.plan import Page

    config, _ = root_site
    env = make_env(config)
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"probe.html": (
        "{{ url('tags/') }} {{ 'tags/' | url }} {{ asset('a.css') }} {{ 'a.css' | asset }}"
        " {{ absolute('tags/') }} {{ 'tags/' | absolute }}")}), env.loader])
    for page in (Page("releases/x/", "probe.html"),
                 Page("404.html", "probe.html", absolute_links=True)):
        found = render_page(env, page).split(" ")
        assert found[0] == found[1] and found[2] == found[3] and found[4] == found[5]
        assert found[0] == ("../../tags/" if not page.absolute_links else "/tags/")
        assert found[2] == ("../../static/a.css" if not page.absolute_links
                            else "/static/a.css")
        assert found[4] == "https://example.org/tags/"
