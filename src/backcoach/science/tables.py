"""Reading the science package's own data tables (YAML beside the code) into validated models.

The files are read through importlib.resources so an installed wheel behaves like a checkout. This
is the only reading the science package does; everything else is a pure function of its arguments.

Each table carries ``source`` and ``confidence``. Confidence uses the tags of training-science.md
(V = read in the source, S = secondary, R = recalled) plus H for our own heuristic.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from backcoach.errors import CatalogError

DATA = "backcoach.science.data"

M = TypeVar("M", bound=BaseModel)


class Frozen(BaseModel):
    """Base for the models of the science tables: immutable, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


@cache
def _raw(name: str) -> Any:
    text = (resources.files(DATA) / name).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{name}: not valid YAML: {exc}") from None


def load_table(name: str, model: type[M]) -> M:
    """The data file ``name`` validated as ``model``; a schema error names the file and field."""
    try:
        return model.model_validate(_raw(name))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "document"
        raise CatalogError(f"{name}: field '{field}': {err['msg']}") from None
