"""The landmark stream the pose process writes and the app reads (``vision.pose.stream``,
``interop.pose_process``): plain data, so its reader never imports the pose library.

One JSON line (``source_fps``, ``total``, ``aspect``, ``every``), then one record per posed frame:
the frames decoded so far (for progress) and whether a person was found, then that person's
33 × (x, y, z, visibility) as little-endian doubles. An end record closes it, so a reader can tell
a finished stream from a process that died.
"""

from __future__ import annotations

import struct

from backcoach.errors import InputError
from backcoach.vision.landmarks import N_LANDMARKS

RECORD = struct.Struct("<IB")
NOBODY, PERSON, END = 0, 1, 2
LANDMARK_BYTES = N_LANDMARKS * 4 * 8


class VideoUnavailable(InputError):
    """MediaPipe or PyAV is not installed."""
