"""The start page names each of today's exercises once, however many blocks it appears in (a ramp
set before its working sets, say)."""

from __future__ import annotations

import re
from html import unescape

from page_helpers import onboard
from web_helpers import Visitor

GYM = ["barbell", "dumbbells", "bench", "power-rack", "pull-up-bar", "cable-machine"]


def test_todays_workout_names_each_exercise_once(me: Visitor) -> None:
    onboard(me, level="intermediate", goal="strength", equipment=GYM, minutes="90")
    home = unescape(me.get("/").text)
    line = re.search(r"back, about \d+ minutes: ([^<]*)\.</p>", home)
    assert line is not None
    names = [n.strip() for n in line.group(1).split(",")]
    assert names and len(names) == len(set(names)), names
