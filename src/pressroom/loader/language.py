"""Which language a release is written in, from a cheap count of common words."""

from __future__ import annotations

import re
from collections import Counter

from pressroom.loader.text import wordset

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


_ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())
_LETTERS = re.compile(r"[^\W\d_]+")
_PUNCTUATION = ".,;:!?\"'()[]“”‘’«»"


def _stop_word_counts(text: str) -> dict[str, int]:
    """How often each stop word occurs in `text` as a run of letters (as counted among
    `re.findall(r"[^\\W\\d_]+", text)`), read from the text's whitespace-separated tokens:
    most are one run of letters, maybe with punctuation around it."""
    counts: dict[str, int] = {}
    for token, n in Counter(text.split()).items():
        bare = token.strip(_PUNCTUATION)
        # (letters are the word characters that are neither digits nor "_")
        for word in (bare,) if bare.isalpha() else _LETTERS.findall(token):
            if word in _ALL_STOP_WORDS:
                counts[word] = counts.get(word, 0) + n
    return counts


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language most of the text's common words belong to ("en")."""
    counts = _stop_word_counts(text.lower())
    scores = {lang: sum(counts[w] for w in stops if w in counts)
              for lang, stops in STOP_WORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] > 0 else "en"
