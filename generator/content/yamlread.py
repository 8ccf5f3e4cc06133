"""Reading the YAML of a file into a tree, typing mistakes and all.

Typing mistakes found on the raw lines (:mod:`.typos`) are reported with
their fix, and the text is read as if fixed, so that the file's other
problems are reported in the same run.
"""

from __future__ import annotations

from generator.content.problems import Problem
from generator.content.typos import Finding, find_typos, may_be_mistyped, repair
from generator.content.yamltree import Node, YamlSyntaxError, parse


def parse_yaml(text: str, first_line: int, rel: str, problems: list[Problem]) -> Node | None:
    """The YAML tree of ``text`` (file line ``first_line`` on), its problems
    added to ``problems``.

    Typing mistakes found on the raw lines (:mod:`.typos`) are reported with
    their fix; the text is then parsed as if fixed, so that the file's other
    problems are reported in the same run. The raw lines are looked at when
    they may hold such a mistake, or when the text is not YAML at all.
    """
    findings = find_typos(text, first_line) if may_be_mistyped(text) else []
    try:
        root, soft = parse(repair(text, findings, first_line) if findings else text, first_line)
    except YamlSyntaxError as error:
        if not findings:
            findings = find_typos(text, first_line)
        problems.extend(Problem(rel, f.line, "YAML", f.message) for f in findings)
        return _parse_as_written(text, first_line, rel, error, findings, problems)
    problems.extend(Problem(rel, f.line, "YAML", f.message) for f in findings)
    problems.extend(Problem(rel, e.line, "YAML", e.message) for e in soft)
    return root


def _parse_as_written(
    text: str, first_line: int, rel: str, error: YamlSyntaxError, findings: list[Finding], problems: list[Problem]
) -> Node | None:
    """After a parse error: with the typing mistakes fixed if that helps,
    else the error itself (unless already explained on its line)."""
    if findings:
        for attempt in (repair(text, findings, first_line), text):
            try:
                # The fixes may be wrong, not the text: then read it as written.
                root, soft = parse(attempt, first_line)
            except YamlSyntaxError:
                continue
            problems.extend(Problem(rel, e.line, "YAML", e.message) for e in soft)
            return root
    if error.line not in {f.line for f in findings}:
        problems.append(Problem(rel, error.line, "YAML", error.message))
    return None
