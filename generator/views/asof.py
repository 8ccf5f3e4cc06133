"""The as-of date: the day the data on the site is current to.

Everything that depends on "today" (overdue, upcoming deadlines) uses it, so
that the same commit always builds the same site.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

#: Dates are read in China Standard Time, where the site's readers are.
CHINA = dt.timezone(dt.timedelta(hours=8))


def today() -> dt.date:
    """Today's date in China."""
    return dt.datetime.now(CHINA).date()


def resolve_as_of(option: dt.date | None, environ: Mapping[str, str] | None = None) -> dt.date:
    """The configured date, else ``SOURCE_DATE_EPOCH``'s day, else today."""
    if option is not None:
        return option
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), CHINA).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"环境变量 SOURCE_DATE_EPOCH 应为 Unix 时间戳（整数秒），实为「{epoch}」。") from None
    return today()
