"""The files besides the pages are made in steps, so that the preview can
stop them at the next step when an editor saves again: each part gives way
at least once a pledge, whatever the size of the site, and made in steps
it is the same files as made at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.content.memo import Memo
from generator.content.steps import Steps
from generator.outputs.feeds import build_feeds, feed_steps
from generator.outputs.opendata import build_data, data_steps
from generator.outputs.sitefiles import badge_files, badge_steps, qr_files, qr_steps
from generator.views.catalog import Catalog

from .test_opendata import BUNDLED, small_catalog

PARTS: dict[str, tuple[Callable[[Catalog], Steps[Any]], Callable[[Catalog], Any]]] = {
    "data": (lambda c: data_steps(c, BUNDLED), lambda c: build_data(c, BUNDLED)),
    "feeds": (lambda c: feed_steps(c, BUNDLED, Memo(None)), lambda c: build_feeds(c, BUNDLED)),
    "badges": (lambda c: badge_steps(c, BUNDLED), lambda c: badge_files(c, BUNDLED)),
    "qr": (lambda c: qr_steps(c, BUNDLED), lambda c: qr_files(c, BUNDLED)),
}


def steps_taken(steps: Steps[Any]) -> tuple[int, Any]:
    """How many times ``steps`` gave way, and what it made."""
    taken = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return taken, done.value
        taken += 1


@pytest.mark.parametrize("name", PARTS)
def test_each_part_gives_way_at_least_once_a_pledge(name: str) -> None:
    catalog = small_catalog()
    in_steps, at_once = PARTS[name]
    taken, made = steps_taken(in_steps(catalog))
    assert len(catalog.entries) >= 5
    assert taken >= len(catalog.entries)
    assert made == at_once(catalog)
