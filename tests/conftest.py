"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SEEDS / "000_f816f7051cb6ef20.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (evaluation data and corpora) is not present on this machine")
    return SHARED


@pytest.fixture(scope="session")
def seed_article_path() -> Path:
    return SEED_ARTICLE
