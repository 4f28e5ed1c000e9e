"""Rendering of the actor graph: a self-contained, offline and script-safe HTML map."""

from __future__ import annotations

from kg.render.html import html_page, page_data, render_html
from kg.render.layout import layout_positions

__all__ = ["html_page", "layout_positions", "page_data", "render_html"]
