"""One fixture per rule of the checker, each reporting exactly the lines it marks.

Every ``tests/fixtures/rules/<rule>.md`` is ``valid.md`` with one kind of
mistake. The lines where a problem must be reported carry a trailing YAML
comment ``# expect: <field> | <fragment of the message>``; a problem on a line
that cannot carry a comment (line 1, the article body...) is marked at the top
of the front matter with ``# expect-line: <line> <field> | <fragment>``.

Sub-folders hold the rules that need several files (interviews, or an
interview and its ledger ``published.txt``); ``units/*.yml`` are broken unit
registries, checked without any interview.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content.article import Kind, find_quote, parse_body
from generator.content.check import load_and_check
from generator.content.model import Corpus
from generator.content.problems import Problem
from generator.content.rules import RULES, Rule

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
REGISTRY = FIXTURES / "units.yml"
VALID = FIXTURES / "valid.md"
AS_OF = dt.date(2020, 12, 31)

_AT_LINE = re.compile(r"^#\s*expect-line:\s*(?P<line>\d+)\s+(?P<field>\S+)\s*\|\s*(?P<fragment>.+?)\s*$")
_TRAILING = re.compile(r"\s#\s*expect:\s*(?P<field>\S+)\s*\|\s*(?P<fragment>.+?)\s*$")

Key = tuple[str, int, str]


@dataclass(frozen=True)
class Marker:
    """A problem a fixture expects: where, which field, part of the message."""

    path: str
    line: int
    field: str
    fragment: str

    @property
    def key(self) -> Key:
        return (self.path, self.line, self.field)


def read_markers(source: Path, rel: str) -> list[Marker]:
    """The ``# expect`` markers of a fixture, reported as file ``rel``."""
    text = source.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    found: list[Marker] = []
    for number, line in enumerate(text.split("\n"), 1):
        if "# expect" not in line:
            continue
        if at := _AT_LINE.match(line.strip()):
            found.append(Marker(rel, int(at["line"]), at["field"], at["fragment"]))
        elif trailing := _TRAILING.search(line):
            found.append(Marker(rel, number, trailing["field"], trailing["fragment"]))
        else:
            pytest.fail(f"{source}:{number}: marker not understood: {line!r}")
    return found


def key(problem: Problem) -> Key:
    return (problem.path, problem.line, problem.field)


@dataclass(frozen=True)
class Case:
    """A checker run: a unit registry and the interview files next to it."""

    name: str
    registry: Path
    #: (path inside the interviews folder, fixture file)
    interviews: tuple[tuple[str, Path], ...]

    @property
    def files(self) -> list[tuple[str, Path]]:
        return [("units.yml", self.registry), *self.interviews]

    def markers(self) -> list[Marker]:
        return [m for rel, source in self.files for m in read_markers(source, rel)]

    def run(self, folder: Path) -> tuple[Corpus, list[Problem]]:
        """Lay the files out in ``folder`` (the site) and check them there."""
        for rel, source in self.files:
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        return load_and_check(folder, folder, AS_OF)


def collect_cases() -> list[Case]:
    cases = [Case(p.name, REGISTRY, ((p.name, p),)) for p in sorted(FIXTURES.glob("*.md")) if p != VALID]
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name != "units"):
        sources = [*folder.rglob("*.md"), *folder.rglob("published.txt"), *folder.rglob("record.yml")]
        files = tuple((p.relative_to(folder).as_posix(), p) for p in sorted(sources))
        cases.append(Case(f"{folder.name}/", REGISTRY, files))
    cases += [Case(f"units/{p.name}", p, ()) for p in sorted((FIXTURES / "units").glob("*.yml"))]
    return cases


CASES = collect_cases()


def describe(problems: list[Problem]) -> str:
    return "reported:\n" + "\n".join(f"  {p}" for p in problems)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_reports_exactly_the_marked_problems(case: Case, tmp_path: Path) -> None:
    expected = case.markers()
    assert expected, f"{case.name}: a rule fixture must mark the problems it expects"
    _, problems = case.run(tmp_path)
    assert {key(p) for p in problems} == {m.key for m in expected}, describe(problems)
    for marker in expected:
        messages = [p.message for p in problems if key(p) == marker.key]
        assert any(marker.fragment in message for message in messages), (
            f"{marker.path}:{marker.line}: {marker.field}: no message contains «{marker.fragment}»: {messages}"
        )


def test_valid_base_has_no_problem(tmp_path: Path) -> None:
    case = Case("valid.md", REGISTRY, (("valid.md", VALID),))
    assert case.markers() == []
    corpus, problems = case.run(tmp_path)
    assert problems == [], describe(problems)
    [interview] = corpus.interviews
    assert sorted(corpus.units) == ["demo", "demo-two"]
    assert len(interview.pledges) == 3
    assert any(update.sources for pledge in interview.pledges for update in pledge.progress)
    # The article has the shape the fixtures rely on: a heading, a question
    # by the outlet, an answer by the interviewee, every quote in the body.
    blocks = parse_body(interview.body, interview.body_line, interview.outlet, interview.interviewee.name)
    assert {Kind.HEADING, Kind.QUESTION, Kind.ANSWER} <= {b.kind for b in blocks}
    assert all(find_quote(blocks, pledge.quote) is not None for pledge in interview.pledges)


def test_what_cannot_be_read_in_full_stays_out_of_the_site(tmp_path: Path) -> None:
    """The checker sees incomplete objects, the site never gets them: an
    interview without a title goes, and so do a pledge without its text and
    an update without its note in an otherwise whole interview."""
    text = VALID.read_text(encoding="utf-8")
    broken = text.replace("    text: 年底前建成5座便民桥梁\n", "").replace("        note: 八成社区已配备全科医生\n", "")
    untitled = text.replace("title: 把民生实事办到群众心坎上\n", "").replace("issue: 1", "issue: 2")
    assert broken != text and "title:" not in untitled.split("subtitle")[0]
    (tmp_path / "units.yml").write_bytes(REGISTRY.read_bytes())
    (tmp_path / "broken.md").write_text(broken.replace("demo-2020-", "demo-2020-a-"), encoding="utf-8")
    (tmp_path / "untitled.md").write_text(untitled, encoding="utf-8")
    corpus, problems = load_and_check(tmp_path, tmp_path, AS_OF)
    assert {p.field for p in problems} == {"title", "pledges[1].text", "pledges[3].progress[1].note"}, describe(
        problems
    )
    [interview] = corpus.interviews
    assert interview.slug == "broken"
    assert [p.id for p in interview.pledges] == ["demo-2020-a-xinjian-xiaoxue", "demo-2020-a-quanke-yisheng"]
    assert interview.pledges[1].progress == []
    assert all(o.complete for o in (interview, *interview.pledges))


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Case, Corpus]]:
    """Every fixture's corpus, loaded once."""
    return [(case, case.run(tmp_path_factory.mktemp("case"))[0]) for case in CASES]


@pytest.mark.parametrize("rule", RULES, ids=[r.__name__ for r in RULES])
def test_every_rule_has_a_fixture(rule: Rule, checked: list[tuple[Case, Corpus]]) -> None:
    """A rule alone finds a problem that some fixture marks: a new rule
    without a fixture fails here."""
    covering = [
        case.name for case, corpus in checked if {key(p) for p in rule(corpus, AS_OF)} & {m.key for m in case.markers()}
    ]
    assert covering, f"no fixture in {FIXTURES} exercises the rule {rule.__name__}"
