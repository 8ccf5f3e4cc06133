"""Every URL of the site, in one place. Journalists link to these and print
them: once published they never change. Paths are relative to the site root;
pages end with "/"."""

from __future__ import annotations

from urllib.parse import quote, urlsplit


def pledge(pledge_id: str) -> str:
    return f"pledges/{pledge_id}/"


def interview(slug: str) -> str:
    return f"interviews/{slug}/"


def unit(unit_id: str) -> str:
    return f"units/{unit_id}/"


def card(page: str) -> str:
    """The share image of a page (a pledge, interview or unit page path)."""
    return f"{page}card.png"


def qr_code(pledge_id: str) -> str:
    return f"{pledge(pledge_id)}qr.svg"


def badge(pledge_id: str) -> str:
    return f"badges/{pledge_id}.svg"


def embed(pledge_id: str) -> str:
    return f"embed/pledges/{pledge_id}/"


def pledge_json(pledge_id: str) -> str:
    return f"api/pledges/{pledge_id}.json"


def report(year: int, unit_id: str = "") -> str:
    """The 践诺报告 of a year, or of one unit in that year."""
    return f"reports/{year}/{unit_id}/" if unit_id else f"reports/{year}/"


def report_pdf(year: int, unit_id: str = "") -> str:
    return f"{report(year, unit_id)}report.pdf"


def report_json(year: int) -> str:
    return f"api/reports/{year}.json"


#: The list of all pledges; its filters are query parameters (unit, status,
#: category, year, overdue=1, stale=1, sort), so every filtered view is a link.
PLEDGES = "pledges/"
#: The hand-written 更正说明 page, when the site has one.
CORRECTIONS = "corrections/"
CORRECTIONS_SOURCE = "corrections.md"

#: The site-wide feeds and the open data's schema.
FEED = "feed.xml"
CALENDAR = "calendar.ics"
SCHEMA = "api/schema.json"


def unit_feed(unit_id: str) -> str:
    return f"{unit(unit_id)}feed.xml"


def unit_calendar(unit_id: str) -> str:
    return f"{unit(unit_id)}calendar.ics"


def file_history(repo_url: str | None, path: str) -> str | None:
    """The page listing the commits of the site's file ``path`` in the
    public repository ``repo_url`` (on GitHub or GitLab), if known."""
    if not repo_url:
        return None
    base, quoted = repo_url.rstrip("/"), quote(path)
    host = urlsplit(base).hostname or ""
    if host == "gitlab.com" or host.startswith("gitlab."):
        return f"{base}/-/commits/HEAD/{quoted}"
    if host == "github.com":
        return f"{base}/commits/HEAD/{quoted}"
    return None
