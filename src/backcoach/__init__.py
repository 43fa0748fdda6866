"""backcoach: coaching for a strong upper and lower back, safely."""

__version__ = "0.1.0"
