from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.crash.harness import ENGINES, Database, make_instance


@pytest.fixture(params=ENGINES)
def instance(request: Any, tmp_path: Path) -> Iterator[tuple[dict[str, str], Database]]:
    """A throwaway pmpath instance with a user named crash, on each database engine."""
    yield from make_instance(request.param, tmp_path)
