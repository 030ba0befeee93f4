"""What a stored ticket carries only so that lists can find and order it: its text normalized for search
(lower-cased, accents and ß folded, whitespace collapsed: the in-process engine has no `$text`, so `q` is a
regex over this field) and its priority as a rank (the names do not sort by urgency)."""

from __future__ import annotations

import unicodedata

PRIORITY_RANK: dict[str, int] = {"low": 0, "normal": 1, "high": 2, "urgent": 3}


def searchable(*texts: str | None) -> str:
    """`Straßenlaterne  KAPUTT` and `strassenlaterne kaputt` are the same text here."""
    folded = unicodedata.normalize("NFKD", " ".join(t for t in texts if t).casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def priority_rank(priority: str) -> int:
    return PRIORITY_RANK.get(priority, PRIORITY_RANK["normal"])
