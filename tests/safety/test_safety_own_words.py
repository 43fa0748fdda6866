"""The safety texts are our own words: no run of eight words copied from the source article."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

RUN = 8


def _shingles(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_safety_data_copies_no_sentence_from_the_article(shared_dir: Path) -> None:
    article = _shingles((shared_dir / "reference" / "back-training-article.txt").read_text("utf-8"))
    data = resources.files("backcoach.safety.data")
    files = [f for f in data.iterdir() if f.name.endswith(".yaml")]
    assert files
    copied = {f.name: sorted(_shingles(f.read_text("utf-8")) & article)[:3] for f in files}
    assert {name: runs for name, runs in copied.items() if runs} == {}
