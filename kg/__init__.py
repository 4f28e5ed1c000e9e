"""geokg: news articles → a knowledge graph of geopolitical actors.

Who did what to whom, when, according to whom, and on what evidence.
"""
from __future__ import annotations

__version__ = "0.1.0"
