"""A real video clip for the benchmarks and tests that pose one: a photograph of a person that a
package ships (matplotlib's sample portrait of Grace Hopper), swaying on a 1280×720 canvas,
encoded by PyAV (MPEG-4 part 2, which every FFmpeg build writes)."""

from __future__ import annotations

from pathlib import Path

import av
import matplotlib.cbook
import numpy as np
from PIL import Image

WIDTH, HEIGHT = 1280, 720
PERSON_W, PERSON_H = 400, 512


def portrait_clip(path: Path, seconds: float = 3.0, fps: int = 30) -> Path:
    """Write the clip to ``path`` and return it."""
    with Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)) as photo:
        person = np.asarray(photo.convert("RGB").resize((PERSON_W, PERSON_H)))
    top = (HEIGHT - PERSON_H) // 2
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=fps)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.bit_rate = 4_000_000
        for i in range(int(seconds * fps)):
            canvas = np.full((HEIGHT, WIDTH, 3), 90, dtype=np.uint8)
            x = 440 + int(40 * np.sin(i / 15))
            canvas[top : top + PERSON_H, x : x + PERSON_W] = person
            for packet in stream.encode(av.VideoFrame.from_ndarray(canvas, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path
