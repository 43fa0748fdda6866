"""The safety data files are validated at load; a malformed table is refused with a clear message."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import ValidationError

from backcoach.errors import CatalogError
from backcoach.safety import tables
from backcoach.safety.limits import GuardTable, RepRange, guard_table
from backcoach.safety.pain import Bands, PainTable, pain_table
from backcoach.safety.screening import Question, ScreeningTable, screening_table
from backcoach.safety.tables import load_table, with_source


def test_a_file_read_as_the_wrong_table_is_refused_naming_the_file() -> None:
    with pytest.raises(CatalogError, match=r"^pain\.yaml: field "):
        load_table("pain.yaml", GuardTable)


def test_a_file_that_is_not_yaml_is_refused_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.yaml").write_text("rules: [unclosed", encoding="utf-8")
    monkeypatch.setattr(tables, "resources", SimpleNamespace(files=lambda _package: tmp_path))
    with pytest.raises(CatalogError, match=r"^broken\.yaml: not valid YAML"):
        tables._raw.__wrapped__("broken.yaml")


def test_with_source_appends_the_source_in_brackets() -> None:
    assert with_source("Stop.", "the article") == "Stop. (source: the article)"


@pytest.mark.parametrize(
    "record",
    [
        {"id": "redflag_x", "kind": "redflag", "label": "a flag", "text": "Any flag?", "source": "NICE"},
        {
            "id": "parq9",
            "kind": "parq",
            "label": "odd",
            "text": "A parq?",
            "source": "PAR-Q+",
            "severity": "doctor",
        },
        {
            "id": "parq_back_1z",
            "kind": "parq_followup",
            "label": "odd",
            "text": "No parent?",
            "source": "PAR-Q+",
        },
        {
            "id": "flag_y",
            "kind": "redflag",
            "label": "odd",
            "text": "Bad id?",
            "source": "NICE",
            "severity": "doctor",
        },
    ],
)
def test_inconsistent_question_is_refused(record: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Question.model_validate(record)


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json")  # type: ignore[no-any-return]


def test_screening_table_refuses_duplicate_ids_and_dangling_follow_ups() -> None:
    data = _dump(screening_table())
    with pytest.raises(ValidationError, match="unique"):
        ScreeningTable.model_validate({**data, "questions": [*data["questions"], data["questions"][0]]})
    broken = [dict(q, applies_when=["parq99"]) if q["applies_when"] else q for q in data["questions"]]
    with pytest.raises(ValidationError, match="parq99"):
        ScreeningTable.model_validate({**data, "questions": broken})
    with pytest.raises(ValidationError, match="headline"):
        ScreeningTable.model_validate({**data, "headlines": {"cleared": "Go ahead."}})


def test_pain_table_refuses_missing_regions_and_disordered_bands() -> None:
    data = _dump(pain_table())
    with pytest.raises(ValidationError, match="region_muscles"):
        PainTable.model_validate({**data, "region_muscles": {"knee": ["quadriceps"]}})
    with pytest.raises(ValidationError, match="headline"):
        PainTable.model_validate({**data, "headlines": {"emergency": "Stop now."}})
    with pytest.raises(ValidationError, match="below"):
        Bands.model_validate({**data["bands"], "moderate_from": 7, "severe_from": 4})


def test_guard_table_needs_every_level_and_ordered_ranges() -> None:
    data = _dump(guard_table())
    with pytest.raises(ValidationError, match="every level"):
        GuardTable.model_validate({**data, "rir_floor": {**data["rir_floor"], "by_level": {"beginner": 2}}})
    with pytest.raises(ValidationError, match="above max"):
        RepRange.model_validate({**data["beginner_reps"], "min": 12, "max": 8})
    patterns = data["bodyweight_caps"]["patterns"]
    doubled = {**data["bodyweight_caps"], "patterns": [*patterns, patterns[0]]}
    with pytest.raises(ValidationError, match="two patterns"):
        GuardTable.model_validate({**data, "bodyweight_caps": doubled})
