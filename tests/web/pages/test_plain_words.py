"""Every visible sentence is written for a person: no notes files, sections, briefs, solver or
rule ids in the data texts people read, and sources in a "Sources" note named as a reader would
cite them, not inline."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml
from page_helpers import screen_all_no
from web_helpers import Visitor

INTERNAL = re.compile(r"\.md\b|§|project brief|source article|seek_care|_mev\b|\bOPTIMAL\b", re.IGNORECASE)


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.mark.parametrize("package", ["backcoach.safety.data", "backcoach.catalog.data.exercises"])
def test_data_texts_people_read_use_no_internal_words(package: str) -> None:
    found = {}
    for file in resources.files(package).iterdir():
        if file.name.endswith(".yaml"):
            texts = [s for s in _strings(yaml.safe_load(file.read_text("utf-8"))) if " " in s]  # not ids
            hits = [s for s in texts if INTERNAL.search(s)]
            if hits:
                found[file.name] = hits[:3]
    assert found == {}


def test_the_screening_result_lists_its_sources_apart(me: Visitor) -> None:
    html = screen_all_no(me).text
    assert "(source:" not in html
    assert re.search(r'<h2 id="sources-h">Sources</h2>\s*<ul><li>PAR-Q\+', html)
