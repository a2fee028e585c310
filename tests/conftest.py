"""Shared test setup: offscreen Qt, and small pack fixtures built from text the tests write."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from evidence_pack.core.pack import Pack
from tests.helpers import TextParser


@pytest.fixture
def text_parser() -> TextParser:
    return TextParser()


@pytest.fixture
def pack(tmp_path: Path) -> Iterator[Pack]:
    p = Pack.create(tmp_path / "test", title="Test pack")
    yield p
    p.close()
