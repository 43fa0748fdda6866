"""Estimating a one-repetition maximum (1RM) from a set taken to failure.

Formulas (w = load lifted, r = repetitions to failure), as listed in training-science.md §1.1, all
tagged [S] there (secondary listings: startingstrength forum, straighttothebar.com, brianmac.co.uk,
vcalc.com):

    epley     Epley 1985                      w * (1 + r / 30)
    brzycki   Brzycki 1993, JOPERD            w * 36 / (37 - r)
    lander    Lander 1985, NSCA Journal       100 * w / (101.3 - 2.67123 * r)   ("McGlothin" elsewhere)
    lombardi  Lombardi 1989                   w * r ** 0.10
    mayhew    Mayhew et al. 1992              100 * w / (52.2 + 41.9 * exp(-0.055 * r))
    oconner   O'Conner et al. 1989            w * (1 + 0.025 * r)
    wathan    Wathan 1994                     100 * w / (48.8 + 53.8 * exp(-0.075 * r))

The raw formula functions return exactly what the equation gives (so Epley at one rep is 1.033 w,
which is what the §1.1 test-vector table shows). ``estimate_1rm`` is what the rest of backcoach
calls: a single repetition *is* a one-rep max, so it returns the load itself at r = 1 for every
formula, as most implementations do (§1.1 notes).

Reliable range: the equations were fitted to low-rep sets and several sources call them reasonable
up to about 10 repetitions (§1.1, brianmac.co.uk) [S]. We accept up to ``MAX_REPS`` and flag any
estimate above ``RELIABLE_MAX_REPS`` as unreliable instead of refusing it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from backcoach.catalog.catalog import closest
from backcoach.errors import InputError, UnknownIdError
from backcoach.science.units import positive_mass

# Above this many reps the estimate is flagged unreliable. The sources trust the equations to about
# 10 reps (§1.1) [S]; we tolerate the 11-12 rep band, which the NSCA %1RM table still covers (§1.2),
# before flagging.
RELIABLE_MAX_REPS: Final = 12

# Hard cap on reps. Brzycki's denominator (37 - r) reaches zero at 37 reps (a pole, §1.1 notes) and
# the estimate is meaningless well before that; 30 keeps every formula finite and monotonic.
MAX_REPS: Final = 30


def _check(load: float, reps: int) -> float:
    w = positive_mass(load, "the load")
    if isinstance(reps, bool) or not isinstance(reps, int):
        raise InputError(f"reps must be a whole number, got {reps!r}")
    if reps <= 0:
        raise InputError(f"reps must be at least 1, got {reps}")
    if reps > MAX_REPS:
        raise InputError(f"a 1RM cannot be estimated from more than {MAX_REPS} reps (got {reps})")
    return w


def epley(load: float, reps: int) -> float:
    """Epley 1985: w·(1 + r/30) [S]."""
    w = _check(load, reps)
    return w * (1 + reps / 30)


def brzycki(load: float, reps: int) -> float:
    """Brzycki 1993: w·36/(37 − r) [S]; exactly w at one rep."""
    w = _check(load, reps)
    return w * 36 / (37 - reps)


def lander(load: float, reps: int) -> float:
    """Lander 1985: 100·w/(101.3 − 2.67123·r) [S]."""
    w = _check(load, reps)
    return 100 * w / (101.3 - 2.67123 * reps)


def lombardi(load: float, reps: int) -> float:
    """Lombardi 1989: w·r^0.10 [S]."""
    w = _check(load, reps)
    return w * float(reps**0.10)


def mayhew(load: float, reps: int) -> float:
    """Mayhew et al. 1992 (fitted on the bench press): 100·w/(52.2 + 41.9·e^(−0.055·r)) [S]."""
    w = _check(load, reps)
    return 100 * w / (52.2 + 41.9 * math.exp(-0.055 * reps))


def oconner(load: float, reps: int) -> float:
    """O'Conner et al. 1989: w·(1 + 0.025·r) [S]."""
    w = _check(load, reps)
    return w * (1 + 0.025 * reps)


def wathan(load: float, reps: int) -> float:
    """Wathan 1994: 100·w/(48.8 + 53.8·e^(−0.075·r)) [S]."""
    w = _check(load, reps)
    return 100 * w / (48.8 + 53.8 * math.exp(-0.075 * reps))


FORMULAS: Final[Mapping[str, Callable[[float, int], float]]] = MappingProxyType(
    {
        "epley": epley,
        "brzycki": brzycki,
        "lander": lander,
        "lombardi": lombardi,
        "mayhew": mayhew,
        "oconner": oconner,
        "wathan": wathan,
    }
)

# Brzycki is the default because
# - it is the conservative choice below 10 reps, where people mostly train: Epley gives a higher
#   estimate there and the two meet at 10 reps (§1.1, vcalc.com) [S];
# - it gives exactly the load at one rep without a special case;
# - its curve (1RM share = (37 − r)/36) tracks the NSCA Essentials %1RM table (§1.2): 10 reps → 75.0 %
#   (table 75 %), 6 → 86.1 % (table 85 %), 3 → 94.4 % (table 93 %);
# - wger (the open-source trainer we compare with) and Fitbod (peers.md §4) use it.
DEFAULT_FORMULA: Final = "brzycki"


@dataclass(frozen=True)
class OneRepMaxEstimate:
    """An estimated 1RM, in the unit the load was given in."""

    value: float
    formula: str
    load: float
    reps: int
    reliable: bool  # False above RELIABLE_MAX_REPS reps: treat the number as a rough guide


def estimate_1rm(load: float, reps: int, formula: str = DEFAULT_FORMULA) -> OneRepMaxEstimate:
    """The 1RM implied by ``reps`` repetitions to failure with ``load``; the load itself at one rep."""
    function = formula_named(formula)
    value = _check(load, reps) if reps == 1 else function(load, reps)
    return OneRepMaxEstimate(
        value=value, formula=formula, load=float(load), reps=reps, reliable=reps <= RELIABLE_MAX_REPS
    )


def estimate_all(load: float, reps: int) -> dict[str, OneRepMaxEstimate]:
    """Every formula's estimate, keyed by formula name in the order of ``FORMULAS``."""
    return {name: estimate_1rm(load, reps, name) for name in FORMULAS}


def formula_named(name: str) -> Callable[[float, int], float]:
    try:
        return FORMULAS[name]
    except KeyError:
        raise UnknownIdError("1RM formula", name, closest(name, FORMULAS)) from None


def brzycki_fraction(reps: float) -> float:
    """Share of the 1RM that can be lifted for ``reps`` reps to failure on Brzycki's curve, (37 − r)/36.

    Linear in reps, so it also serves for the half-step and beyond-chart values in ``intensity``.
    """
    if not 0 < reps < 37:
        raise InputError(f"reps must be between 1 and 36 on Brzycki's curve, got {reps:g}")
    return (37 - reps) / 36
