"""The live server (see tests/live.py)."""

from tests.live import live

__all__ = ["live"]
