"""Every text we ship is our own: no run of eight words copied from the source article or from
free-exercise-db's instructions (the same rule as shared/tools/verbatim_check.py)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _shingles(text: str) -> set[str]:
    w = _words(text)
    return {" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def test_catalogue_data_copies_no_sentence(shared_dir: Path) -> None:
    sources = _shingles((shared_dir / "reference" / "back-training-article.txt").read_text("utf-8"))
    fedb = shared_dir / "data" / "free-exercise-db" / "exercises.json"
    if fedb.is_file():
        records = json.loads(fedb.read_text("utf-8"))
        sources |= _shingles("\n".join(" ".join(r["instructions"]) for r in records))
    data = resources.files("backcoach.catalog.data")
    files = [data / "muscles.yaml", data / "mistakes.yaml", data / "equipment.yaml"]
    files += [f for f in (data / "exercises").iterdir() if f.name.endswith(".yaml")]
    copied = {f.name: sorted(_shingles(f.read_text("utf-8")) & sources)[:3] for f in files}
    assert {name: runs for name, runs in copied.items() if runs} == {}
