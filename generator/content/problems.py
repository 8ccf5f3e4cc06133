"""Problems found in the content, reported as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass

from generator.text.hidden import printable


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place. ``message`` is Chinese and says what is
    wrong and what is expected."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}: {self.field}: {self.message}")


class ContentError(Exception):
    """The content has problems; the build must stop and show them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """All problems, one per line, followed by a count."""
    lines = [str(p) for p in sorted(problems)]
    lines.append(f"共发现 {len(problems)} 处问题，请逐条修改后重新检查。")
    return "\n".join(lines)
