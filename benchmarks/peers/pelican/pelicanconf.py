# Pelican settings for benchmarks/compare.py: the same page set as the other tools.
# Run as: pelican -s pelicanconf.py -o OUT (paths below are relative to this file).
import os

SITENAME = "News archive"
SITEURL = "https://news.example.org"
AUTHOR = "Newsroom"
PATH = "content"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = False

# Pelican's defaults: no content cache. PELICAN_CACHE=1 (tool "pelican-cache") turns it on.
CACHE_PATH = "cache"
if os.environ.get("PELICAN_CACHE") == "1":
    CACHE_CONTENT = LOAD_CONTENT_CACHE = True

ARTICLE_URL = "releases/{slug}/"
ARTICLE_SAVE_AS = "releases/{slug}/index.html"
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
YEAR_ARCHIVE_URL = "archives/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# Only the index, the tag list and a sitemap as direct templates; no categories, authors
DIRECT_TEMPLATES = ["index", "tags", "sitemap"]
SITEMAP_SAVE_AS = "sitemap.xml"
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""

# One Atom feed of the 20 newest releases
FEED_ALL_ATOM = "feed.xml"
FEED_MAX_ITEMS = 20
CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
