"""Form checks from video or landmarks: a kinematic model of the article's four exercises, pure
analysis over 33-landmark series (signal handling, camera view, rep counting, per-rep metrics,
findings linked to the catalogue), and one adapter (``vision.pose``) that imports MediaPipe.

``vision.pose`` is not imported here: the pure analysis never needs the pose library.
"""

from backcoach.vision.analysis import FormReport, analyse, exercise_of, report_to_json
from backcoach.vision.formats import export_json, parse_landmarks
from backcoach.vision.kinematics import Exercise, Fault
from backcoach.vision.landmarks import LandmarkSource, PoseSeries, collect
from backcoach.vision.rules import CHECKS, Finding, NotChecked
from backcoach.vision.view import View

__all__ = [
    "CHECKS",
    "Exercise",
    "Fault",
    "Finding",
    "FormReport",
    "LandmarkSource",
    "NotChecked",
    "PoseSeries",
    "View",
    "analyse",
    "collect",
    "exercise_of",
    "export_json",
    "parse_landmarks",
    "report_to_json",
]
