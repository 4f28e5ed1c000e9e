"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SEEDS / "000_f816f7051cb6ef20.txt"


def run_kg(
    *args: str, cwd: Path, timeout: float = 300, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m kg ARGS`` in a fresh process, run from ``cwd`` with this tree's ``kg``
    (``env`` replaces the environment; by default it is this process's)."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env={**(os.environ if env is None else env), "PYTHONPATH": str(ROOT)},
    )


def printed_under_hash_seeds(code: str, seeds: tuple[str, ...] = ("1", "2")) -> list[str]:
    """What ``python -c code`` prints in fresh processes with these ``PYTHONHASHSEED`` values
    (a set of strings has another order in each process: results must not depend on it)."""
    return [
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
            cwd=ROOT,
        ).stdout
        for seed in seeds
    ]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (evaluation data and corpora) is not present on this machine")
    return SHARED


@pytest.fixture(scope="session")
def seed_article_path() -> Path:
    return SEED_ARTICLE
