"""Which language a release is written in, from a cheap count of common words."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from pressroom.loader.text import trie_alternation, wordset

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": wordset("the and of to in is that for with was on as by said has have this are "
                    "from it be will an which were who their its at"),
    "es": wordset("el los las del y que por con para una se es fue su al lo como más pero "
                    "sus este esta entre también sobre donde según ha han"),
    "fr": wordset("le les des du et est que pour dans qui sur par au aux avec ce une il elle "
                    "sont été cette ont mais selon leur entre également"),
    "de": wordset("der die das und ist nicht mit von den dem zu auf für sich ein eine wird "
                    "auch bei nach wurde"),
    "pt": wordset("os das dos não uma com para foi também pela pelo são mais entre seus "
                    "suas como ao à"),
    "it": wordset("il gli della delle degli che non con per una sono nel nella anche come "
                    "alla dal questo"),
    "vi": wordset("và của là có được các trong cho với này những một người không đã để khi "
                  "từ theo tại về bị"),
}


@cache
def _stop_word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The stop words as whole runs of letters: at the start of the text, and after a
    character that is not a letter (the scan skips the letters a-z of the lower-cased text at
    once and checks other characters with the look-behind)."""
    words = trie_alternation(frozenset().union(*STOP_WORDS.values()))
    return (re.compile(rf"(?:{words})(?![^\W\d_])"),
            re.compile(rf"[^a-z](?<=[\W\d_])((?:{words})(?![^\W\d_]))"))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language most of the text's common words belong to ("en")."""
    at_start, after_other = _stop_word_patterns()
    lowered = text.lower()
    # (the stop words among the runs of letters that re.findall(r"[^\W\d_]+", ...) finds)
    found = after_other.findall(lowered)
    first = at_start.match(lowered)
    if first is not None:
        found.append(first.group())
    counts = Counter(found)
    scores = {lang: sum(counts[w] for w in stops if w in counts)
              for lang, stops in STOP_WORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] > 0 else "en"
