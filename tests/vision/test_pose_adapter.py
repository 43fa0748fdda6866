"""The MediaPipe adapter on a real photograph a package ships (scikit-image's astronaut); skipped
where the optional video extra (MediaPipe) or scikit-image is not installed."""

from __future__ import annotations

import pytest

from backcoach.vision import pose


def test_mediapipe_finds_a_person_in_a_real_image() -> None:
    pytest.importorskip("mediapipe", reason="the optional video extra is not installed")
    data = pytest.importorskip("skimage.data", reason="scikit-image is not installed")
    estimator = pose.MediaPipePose(video=False)
    try:
        found = estimator(data.astronaut())
    finally:
        estimator.close()
    assert found is not None
    assert found.shape == (33, 4)
    nose, left_shoulder, right_shoulder = found[0], found[11], found[12]
    assert nose[3] > 0.9
    assert nose[1] < left_shoulder[1]  # the head above the shoulders
    assert right_shoulder[0] < left_shoulder[0]  # facing the camera: her left on the image's right


def test_without_the_extra_video_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_mediapipe(name: str, *args: object, **kwargs: object) -> object:
        if name in ("mediapipe", "av"):
            raise ImportError(name=name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_mediapipe)
    assert not pose.available()
    with pytest.raises(pose.VideoUnavailable, match=r"backcoach\[video\]"):
        pose.MediaPipePose()
