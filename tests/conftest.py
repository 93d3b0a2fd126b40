"""Shared fixtures: paths to the bundled corpus and reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The bundled three-article corpus (``data/raw``)."""
    return ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def certainty_path() -> Path:
    """Human certainty ratings used to validate the hedging score."""
    return ROOT / "data" / "external" / "certainty_findings.jsonl"
