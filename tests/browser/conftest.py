"""The live server and the browser (see tests/live.py)."""

from tests.live import browser, live, page

__all__ = ["browser", "live", "page"]
