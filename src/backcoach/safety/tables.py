"""Reading the safety package's own data files (questions, pain bands, guard limits).

The files sit in ``backcoach/safety/data`` and are read with importlib.resources, so an installed
wheel behaves like a checkout. Each file is validated by a pydantic model at load; a malformed file
raises CatalogError naming the file and the field, never a raw traceback. Sources for every number
are written in the files themselves, next to the number.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from backcoach.errors import CatalogError

DATA = "backcoach.safety.data"

M = TypeVar("M", bound=BaseModel)

Text = Annotated[str, Field(min_length=3)]
Confidence = Annotated[str, Field(pattern=r"^(V|S|R|article|heuristic)$")]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Sourced(Frozen):
    """A value and where it comes from; ``confidence`` uses training-science.md's tags
    (V, S, R) plus ``article`` (the source article) and ``heuristic`` (our own documented choice)."""

    source: Text
    confidence: Confidence


@cache
def _raw(filename: str) -> Any:
    text = resources.files(DATA).joinpath(filename).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{filename}: not valid YAML: {exc}") from None


def load_table(filename: str, model: type[M]) -> M:
    """Validate one data file as ``model``; the error names the file and the first bad field."""
    try:
        return model.model_validate(_raw(filename))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "document"
        raise CatalogError(f"{filename}: field '{where}': {err['msg']}") from None


def with_source(text: str, source: str) -> str:
    """A human-readable reason that names its source, the form every safety decision uses."""
    return f"{text} (source: {source})"
