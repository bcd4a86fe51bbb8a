import datetime as dt
import xml.etree.ElementTree as ET

from pressroom.config import SiteConfig
from pressroom.sitemap import robots_txt, sitemap_files

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_lists_every_page_with_absolute_urls(root_site):
    _, report = root_site
    urlset = ET.fromstring((report.output / "sitemap.xml").read_bytes())
    locs = [u.findtext(f"{NS}loc") for u in urlset.findall(f"{NS}url")]
    assert len(locs) == len(set(locs)) == report.pages - 1  # every page but 404.html
    assert all(loc.startswith("https://example.org/") for loc in locs)
    assert "https://example.org/people/gilberto-zuleta/" in locs
    assert not any("404" in loc for loc in locs)
    release = next(u for u in urlset.findall(f"{NS}url")
                   if u.findtext(f"{NS}loc").endswith("/world-drug-day-2023-puts-people-first/"))
    assert release.findtext(f"{NS}lastmod") == "2023-06-26"


def test_sub_path_sitemap_and_robots(sub_path_site):
    _, report = sub_path_site
    urlset = ET.fromstring((report.output / "sitemap.xml").read_bytes())
    assert all(u.findtext(f"{NS}loc").startswith("https://example.org/press/")
               for u in urlset.findall(f"{NS}url"))
    robots = (report.output / "robots.txt").read_text()
    assert "Sitemap: https://example.org/press/sitemap.xml" in robots.splitlines()


def test_path_only_base_url_keeps_sitemap_well_formed_and_robots_honest():
    config = SiteConfig(base_url="/news/")
    files = sitemap_files([("", dt.date(2022, 1, 1)), ("tags/", None)], config)
    urlset = ET.fromstring(files["sitemap.xml"])
    assert [u.findtext(f"{NS}loc") for u in urlset] == ["/news/", "/news/tags/"]
    robots = robots_txt(config).decode()
    assert "Sitemap:" not in robots.replace("# Sitemap:", "")
    assert "User-agent: *" in robots


def test_locations_are_escaped_as_xml_text():
    config = SiteConfig(base_url="https://example.org/a&b/")
    files = sitemap_files([("x<y>/", None)], config)
    assert b"<loc>https://example.org/a&amp;b/x&lt;y&gt;/</loc>" in files["sitemap.xml"]
    urlset = ET.fromstring(files["sitemap.xml"])
    assert [u.findtext(f"{NS}loc") for u in urlset] == ["https://example.org/a&b/x<y>/"]


def test_writing_a_sitemap_imports_no_network_modules():
    import subprocess
    import sys

    code = ("import sys, datetime; from pressroom.config import SiteConfig; "
            "from pressroom.sitemap import sitemap_files; "
            "sitemap_files([('', None)], SiteConfig()); "
            "print(sorted(m for m in ('urllib.request', 'http.client') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
