"""Hostile and unusual raw text: each is loaded, or refused with a clear message, quickly.

Every text is made here. Timings are CPU seconds with generous bounds for a slow or busy
CI machine; what they guard against is super-linear work (a 1 MB line once took 8 s, a
10 MB file 100 s).
"""

import datetime as dt
import time
from pathlib import Path

import pytest

from pressroom.errors import LoaderError
from pressroom.loader import EXTRACT_CHARS, MAX_BYTES, load_bytes, load_raw
from pressroom.loader.text import clean, decode

LEAD = "GENEVA, 3 March 2021 – The agency said things. "


def timed(data: bytes, name: str = "x.txt"):
    start = time.process_time()
    result = load_bytes(data, name)
    return result, time.process_time() - start


# --------------------------------------------------------------------------- refused


def test_a_file_over_the_size_limit_is_refused_with_its_size():
    data = ("Big title\n\n" + (LEAD * 3 + "\n\n") * 70000).encode()
    assert len(data) > MAX_BYTES
    start = time.process_time()
    with pytest.raises(LoaderError) as info:
        load_bytes(data, "big.txt")
    assert time.process_time() - start < 1
    message = str(info.value)
    assert "too large: 10.4 MB" in message and "over 2 MB are refused" in message
    assert info.value.diagnostic.path == "big.txt"


def test_load_raw_refuses_a_large_file_before_reading_it(tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n\n" + b"x " * (MAX_BYTES // 2 + 10))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read the file"))
    with pytest.raises(LoaderError, match="too large"):
        load_raw(path)


@pytest.mark.parametrize(("data", "kind"), [
    (b"", "empty file"),
    (b"  \n\t\n  ", "empty file"),
    (b"\n\n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary data"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n" + bytes(range(256)) * 10, "binary data"),
    (b"Title\x00 here\n\nText.", "binary data (NUL bytes)"),
])
def test_not_a_release_is_refused_with_its_kind(data: bytes, kind: str):
    with pytest.raises(LoaderError, match=kind.replace("(", r"\(").replace(")", r"\)")):
        load_bytes(data, "x.txt")


# --------------------------------------------------------------------------- large but loaded


def test_a_release_just_under_the_limit_loads_in_well_under_five_seconds():
    data = ("Big title\n\n" + (LEAD * 3 + "\n\n") * 13000).encode()
    assert 1_800_000 < len(data) <= MAX_BYTES
    result, seconds = timed(data)
    assert seconds < 4
    assert result.release.title == "Big title"
    assert result.release.date == dt.date(2021, 3, 3)
    assert len(result.release.body) > 1_800_000  # the whole text is the body
    assert any("first 100,000 characters" in d.message for d in result.diagnostics)


@pytest.mark.parametrize("line", [
    "word ",  # one long line of lower-case words
    "Word Alpha. ",  # capitalised words: every pair a candidate name
    "\"Quote here now,\" said Ann Roe. ",  # thousands of quotations of one person
    "It's 'one' o'clock at Rosa's ' place. ",  # apostrophes that open and close nothing
    "(ABC) ",  # acronyms in parentheses
    "12 March 2021, 3.4.5 - 2020-01-01 ",  # dates and numbers
])
def test_a_one_megabyte_line_loads_in_seconds(line: str):
    data = ("Title\n\n" + line * (1_000_000 // len(line))).encode()
    result, seconds = timed(data)
    assert seconds < 6  # about 1 s here: the densest text there is
    assert result.release.title == "Title"


def test_many_distinct_people_and_bodies_load_in_linear_time():
    names = [f"{a}{b}" for a in ("Ka", "Lo", "Mi", "Ra", "Ne", "Tu") for b in (
        "bor", "dan", "fel", "gus", "hin", "jak", "lum", "mor", "nes", "pil")]
    sentences = [f"Director {names[i % 60]} {names[(i * 7) % 60]}son of the {names[i % 53]} "
                 f"Office said \"this is quote number {i} here,\" and the {names[i % 41]} Agency "
                 f"met." for i in range(3000)]
    data = ("Title\n\n" + "\n\n".join(sentences)).encode()
    result, seconds = timed(data)
    assert seconds < 4
    assert result.release.people and result.release.organizations


def test_a_five_thousand_character_title_is_quick():
    result, seconds = timed(("T" * 5000 + "\n\n" + LEAD).encode())
    assert seconds < 0.5
    assert result.release.title == "T" * 5000
    assert result.release.date == dt.date(2021, 3, 3)


def test_a_long_title_of_words_is_quick():
    result, seconds = timed(("Title Word " * 2000 + "\n\n" + LEAD).encode())
    assert seconds < 1
    assert result.release.title.startswith("Title Word Title Word")


def test_extractors_read_only_the_first_part_of_a_long_release():
    filler = "\n\n".join(["The weather was mild and nothing else happened."] * 6000)
    data = (f"Title\n\n{LEAD}\n\n{filler}\n\n\"This quotation is far too late to be read,\" "
            "said Ann Roe, director.").encode()
    assert len(data) > EXTRACT_CHARS
    release = load_bytes(data, "x.txt").release
    assert release.quotes == ()
    assert release.body.endswith("said Ann Roe, director.")


# --------------------------------------------------------------------------- encodings


def test_mixed_utf8_and_windows_1252_lines_are_each_decoded():
    data = ("Título del comunicado\n\n".encode() +
            "Panamá, 24 de junio de 2022. Año de la niñez y acción.".encode("cp1252"))
    release = load_bytes(data, "x.txt").release
    assert release.title == "Título del comunicado"
    assert release.location == "Panamá"
    assert release.date == dt.date(2022, 6, 24)
    assert "Año de la niñez y acción" in release.body


def test_a_whole_windows_1252_file_still_decodes():
    text = "Café opens\n\nBERN – The café “Zürich” opened today, said Zoë Müller."
    assert decode(text.encode("cp1252")) == text


def test_a_byte_windows_1252_leaves_undefined_falls_back_to_latin_1():
    assert decode(b"Caf\xe9 \x81 here") == "Caf\xe9 \x81 here"


# --------------------------------------------------------------------------- characters


def test_zero_width_joiner_inside_an_emoji_sequence_is_kept():
    health_worker = "\U0001F469\U0001F3FD\u200d\u2695\ufe0f"
    release = load_bytes(f"Zoë {health_worker} says hi\n\n{LEAD}".encode(), "x.txt").release
    assert release.title == f"Zoë {health_worker} says hi"


def test_non_joiner_in_persian_and_variation_selectors_are_kept():
    persian = "می\u200cخواهم"
    assert clean(f"{persian} \u2764\ufe0f") == f"{persian} \u2764\ufe0f"


def test_joiners_inside_latin_words_and_invisible_controls_are_removed():
    assert clean("Ro\u200dse Ma\u200cry said\u200b so\u2060 \ufeffnow\u00ad") == \
        "Rose Mary said so now"


def test_bidi_overrides_and_isolates_are_removed_but_rtl_text_is_kept():
    arabic = "قال المتحدث إن هذا نص طويل"
    hebrew = "הודעה לעיתונות"
    text = f"\u202e{arabic}\u202c and \u2067{hebrew}\u2069 with marks \u200f\u200e"
    assert clean(text) == f"{arabic} and {hebrew} with marks \u200f\u200e"


def test_a_right_to_left_release_loads_with_its_title_and_body_unchanged():
    title = "بيان صحفي عن الهجرة"
    body = "جنيف، 3 مارس 2021 – قال المتحدث \"هذا نص طويل جدا هنا\"."
    release = load_bytes(f"{title}\n\n{body}".encode(), "x.txt").release
    assert release.title == title
    assert arabic_letters(release.body) == arabic_letters(body)
    assert release.date == dt.date(2021, 3, 3)
    assert release.location == "جنيف"


def arabic_letters(text: str) -> str:
    return "".join(c for c in text if "\u0600" <= c <= "\u06ff")


def test_a_chinese_release_loads_with_title_and_date():
    release = load_bytes("新闻稿标题\n\n日内瓦，2021年3月3日 – “这是一个很长的引用文本内容”，他说。"
                         .encode(), "x.txt").release
    assert release.title == "新闻稿标题"
    assert release.date == dt.date(2021, 3, 3)
    assert release.location == "日内瓦"


def test_combining_marks_survive_and_stay_inside_a_name():
    name = "Zoë Mende\u0331z"  # e with macron below has no precomposed form
    text = (f"{name} named director\n\nGENEVA, 3 March 2021 – \"We are here for all of you, "
            f"every day,\" said {name}, director of the agency. Mende\u0331z added more.")
    release = load_bytes(text.encode(), "x.txt").release
    assert release.title == f"{name} named director"
    assert [p.name for p in release.people] == [name]
    assert release.quotes[0].speaker == name


def test_decomposed_accents_are_composed():
    release = load_bytes("Me\u0301xico acts\n\nThe office acted today.".encode(), "x.txt").release
    assert release.title == "México acts"


def test_emoji_in_a_name_sentence_does_not_crash():
    text = ("Award for the team 🎉\n\nGENEVA, 3 March 2021 – \"We are proud of this work, all "
            "of it,\" said Ana Díaz 🎉, director. Díaz 👏 thanked the staff.")
    release = load_bytes(text.encode(), "x.txt").release
    assert release.title == "Award for the team 🎉"
    assert "Ana Díaz" in [p.name for p in release.people]
