"""Grenswerk's graph: the domain model, the stores and the analyses."""

__version__ = "0.1.0"
