"""Exercise-name normalisation, so that "Bent Over Row (Barbell)", "Barbell Bent-Over Row" and
"bent over barbell rows" are recognised as one exercise (aliases, imports, duplicate detection)."""

from __future__ import annotations

import re

# Spellings other apps use for the same word; the value is our canonical token.
_SYNONYMS = {
    "db": "dumbbell",
    "dumbbells": "dumbbell",
    "bb": "barbell",
    "kb": "kettlebell",
    "kettlebells": "kettlebell",
    "pullup": "pull-up",
    "pullups": "pull-up",
    "chinup": "chin-up",
    "chinups": "chin-up",
    "pulldown": "pull-down",
    "pulldowns": "pull-down",
    "bentover": "bent-over",
    "rdl": "romanian-deadlift",
    "lat": "lat",
    "lats": "lat",
    "rows": "row",
    "rowing": "row",
    "curls": "curl",
    "raises": "raise",
    "shrugs": "shrug",
    "extensions": "extension",
    "hyperextension": "extension",
    "hyperextensions": "extension",
    "flyes": "fly",
    "flies": "fly",
    "flye": "fly",
    "deadlifts": "deadlift",
    "bands": "band",
    "cables": "cable",
    "machines": "machine",
}
# Joined words that other apps split ("pull up") or hyphenate ("pull-up").
_JOINS = (
    ("pull", "up"),
    ("chin", "up"),
    ("pull", "down"),
    ("bent", "over"),
    ("push", "up"),
    ("sit", "up"),
)
_DROP = {"the", "a", "with", "and", "on", "to", "of", "exercise", "version"}


def name_key(name: str) -> str:
    """A canonical key: lower-case words, synonyms unified, filler dropped, order ignored."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    joined: list[str] = []
    i = 0
    while i < len(words):
        pair = (words[i], words[i + 1]) if i + 1 < len(words) else None
        if pair in _JOINS:
            joined.append(f"{pair[0]}-{pair[1]}")
            i += 2
            continue
        joined.append(words[i])
        i += 1
    tokens = {_SYNONYMS.get(w, w) for w in joined if w not in _DROP}
    return " ".join(sorted(tokens))
