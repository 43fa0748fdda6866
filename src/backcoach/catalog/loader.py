"""Reading the catalogue's data files into validated models.

The package data is read with importlib.resources so an installed wheel works the same as a checkout.
Any schema error or dangling reference raises CatalogError naming the file, the record and the field.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
import yaml
from pydantic import BaseModel, ValidationError

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Equipment, Exercise, Mistake, Muscle
from backcoach.errors import CatalogError

M = TypeVar("M", bound=BaseModel)

DATA = "backcoach.catalog.data"


def parse_records(model: type[M], records: object, *, where: str) -> list[M]:
    """Validate a list of mappings as ``model``; the error names the record index, id and field."""
    if not isinstance(records, list):
        raise CatalogError(f"{where}: expected a list of records, found {type(records).__name__}")
    out: list[M] = []
    for index, record in enumerate(records):
        label = _label(record, index)
        try:
            out.append(model.model_validate(record))
        except ValidationError as exc:
            raise CatalogError(f"{where}: record {label}: {_first_error(exc)}") from None
    return out


def _label(record: object, index: int) -> str:
    rid = record.get("id") if isinstance(record, Mapping) else None
    return f"#{index + 1} ({rid})" if rid else f"#{index + 1}"


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    field = ".".join(str(p) for p in err["loc"]) or "record"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"field '{field}': {err['msg']}{more}"


# libyaml's C loader parses the catalogue several times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CACHE_ENV = "BACKCOACH_CACHE_DIR"


def _read_yaml(file: Traversable) -> Any:
    """The file's data; from a JSON copy in the cache when one was made from these exact bytes.

    Even with libyaml, building Python objects from YAML was nine tenths of loading the
    catalogue (about 100 ms of a CLI command); JSON of the same data reads several times faster.
    The copy is named by a hash of the text, so an edited file is parsed again; it is only made
    when it reads back equal, and any trouble with the cache just means parsing the YAML.
    """
    text = file.read_text(encoding="utf-8")
    copy = _cache_dir() / f"{hashlib.sha256(text.encode()).hexdigest()}.json"
    try:
        return json.loads(copy.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{file.name}: not valid YAML: {exc}") from None
    _keep(copy, data)
    return data


def _cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("backcoach")) / "catalog"


def _keep(copy: Path, data: Any) -> None:
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:  # not plain JSON data (a date, a number key): keep parsing
            return
        copy.parent.mkdir(parents=True, exist_ok=True)
        partial = copy.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, copy)  # readers see the whole copy or none
    except (OSError, TypeError, ValueError):
        return


def _records(model: type[M], files: Iterable[Traversable]) -> list[M]:
    out: list[M] = []
    for file in sorted(files, key=lambda f: f.name):
        out.extend(parse_records(model, _read_yaml(file), where=file.name))
    return out


def load_curated(root: Traversable | None = None) -> Catalog:
    """Load and cross-check the curated catalogue from ``root`` (default: the package data)."""
    base = root if root is not None else resources.files(DATA)
    exercise_dir = base / "exercises"
    return Catalog.build(
        muscles=_records(Muscle, [base / "muscles.yaml"]),
        equipment=_records(Equipment, [base / "equipment.yaml"]),
        mistakes=_records(Mistake, [base / "mistakes.yaml"]),
        exercises=_records(Exercise, [f for f in exercise_dir.iterdir() if f.name.endswith(".yaml")]),
    )


@cache
def curated() -> Catalog:
    """The shipped catalogue, loaded once per process."""
    return load_curated()


def with_extension(base: Catalog, extension: Sequence[Exercise]) -> Catalog:
    """The curated catalogue plus imported records; curated entries win on an id clash."""
    return base.extended(extension)
