"""A synthetic but realistic corpus for the benchmark: N interviews by 100
units over ten years, each with 10 pledges of 0–8 progress updates, the
text built from the seed article's sentences. Deterministic: the same N and
seed number always write the same files.

    python benchmarks/corpus.py N DEST [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "tests" / "fixtures" / "seed-article.txt"
AS_OF = dt.date(2030, 6, 30)
UNITS = 100
PLEDGES = 10

DOMAINS = [
    "教育", "科学技术", "工业和信息化", "民政", "司法", "财政", "人力资源和社会保障", "自然资源", "生态环境", "住房和城乡建设",
    "交通运输", "水利", "农业农村", "商务", "文化和旅游", "卫生健康", "退役军人事务", "应急管理", "审计", "市场监督管理",
]  # fmt: skip
KINDS = [("厅", "厅"), ("局", "局"), ("委员会", "委"), ("办公室", "办"), ("服务中心", "中心")]
CATEGORIES = ["政治建设", "基层组织", "作风建设", "服务大局", "主体责任", "民生实事", "改革攻坚", "营商环境"]
OUTLET = "齐鲁晚报·齐鲁壹点"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "明华建国志强海涛立新振宇丽娟文杰秀英光亮红梅伟东"
MEASURES = ["个支部", "个项目", "次专题研究", "份文件", "个示范点", "公里", "所学校", "家企业"]


def seed_sentences() -> list[str]:
    """The sentences (ending in 。？！) of the seed's questions and answers,
    as building material."""
    lines = [line.strip() for line in SEED_ARTICLE.read_text(encoding="utf-8").splitlines()]
    paragraphs = [re.sub(r"^[^,，。:：]{2,12}[:：]", "", line) for line in lines if len(line) > 40]
    sentences = [s for p in paragraphs for s in re.findall(r"[^。？！?]+[。？！?]", p)]
    return [s for s in sentences if 12 <= len(s) <= 160]


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short_name: str


def units() -> list[Unit]:
    """100 plausible provincial departments."""
    found = []
    for number, (domain, (kind, short)) in enumerate(((d, k) for k in KINDS for d in DOMAINS), 1):
        found.append(Unit(f"u{number:03d}", f"测试省{domain}{kind}", f"省{domain[:2]}{short}"))
    return found[:UNITS]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class Writer:
    """Writes one interview at a time from a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sentences = seed_sentences()
        self.units = units()

    def paragraph(self) -> str:
        return "".join(self.rng.sample(self.sentences, self.rng.randint(2, 5)))

    def body(self, name: str) -> list[str]:
        """A lede, four sections of a question and a three-paragraph answer."""
        blocks = [f"今年是重点工作攻坚年。{OUTLET}记者就此专访了{name}。" + self.paragraph()]
        for _ in range(4):
            a, b = self.rng.sample(self.sentences, 2)
            blocks.append(f"## {a[:6].strip('，,。')} {b[:6].strip('，,。')}")
            blocks.append(f"{OUTLET}:{self.paragraph()}请您谈谈下一步的打算?")
            blocks.append(f"{name}:{self.paragraph()}")
            blocks += [self.paragraph() for _ in range(2)]
        return blocks

    def pledge(self, unit: Unit, number: int, index: int, day: dt.date, quote: str) -> list[str]:
        rng = self.rng
        deadline = day + dt.timedelta(days=rng.randint(30, 400))
        lines = [
            f"  - id: {unit.id}-{number}-{index + 1}",
            f"    text: {q(quote[:30].rstrip('，,、；;：:') + '等工作')}",
            f"    quote: {q(quote)}",
            f"    category: {rng.choice(CATEGORIES)}",
            f"    deadline: {deadline.isoformat()}",
        ]
        target = rng.randint(5, 120) if rng.random() < 0.4 else None
        if target is not None:
            lines.append(f"    target: {{value: {target}, unit: {rng.choice(MEASURES)}}}")
        lines += self.progress(day, deadline, target)
        return lines

    def progress(self, day: dt.date, deadline: dt.date, target: int | None) -> list[str]:
        rng, count = self.rng, self.rng.randint(0, 8)
        if count == 0:
            return []
        last = min(deadline + dt.timedelta(days=90), AS_OF)
        dates = sorted(day + dt.timedelta(days=rng.randint(1, max(1, (last - day).days))) for _ in range(count))
        lines = ["    progress:"]
        for step, when in enumerate(dates, 1):
            final = step == count and rng.random() < 0.6
            status = rng.choice(["fulfilled", "fulfilled", "partial", "unfulfilled"]) if final else "in_progress"
            if not final and rng.random() < 0.15:
                status = "delayed"
            lines += [f"      - date: {when.isoformat()}", f"        status: {status}"]
            if target is not None:
                lines.append(f"        value: {target if status == 'fulfilled' else target * step // (count + 1)}")
            lines.append(f"        note: {q(rng.choice(self.sentences)[:40])}")
            if status in ("fulfilled", "partial", "unfulfilled"):
                lines += [
                    "        sources:",
                    f"          - {{title: {q('来源：' + rng.choice(self.sentences)[:20])}, "
                    f'url: "https://example.org/bench/{when.isoformat()}-{step}"}}',
                ]
        return lines

    def interview(self, number: int) -> tuple[str, str]:
        """(relative path, text) of interview ``number`` (1-based)."""
        rng = self.rng
        unit = self.units[(number - 1) % UNITS]
        day = dt.date(2020, 1, 1) + dt.timedelta(days=(number - 1) * 3650 // max(1, self.total))
        name = person(rng)
        blocks = self.body(name)
        quotes = [
            s for block in blocks[1:] if not block.startswith("##") for s in re.findall(r"[^。？！?:]+[。]", block)
        ]
        chosen = rng.sample(sorted(set(quotes)), min(PLEDGES, len(set(quotes))))
        front = [
            "---",
            f"title: {q(self.paragraph()[:8] + ' ' + self.paragraph()[:8])}",
            f"subtitle: {q(self.paragraph()[:20])}",
            f"issue: {number}",
            f"date: {day.isoformat()}",
            f"outlet: {OUTLET}",
            f"reporters: [{person(rng)}, {person(rng)}]",
            f"correspondents: [{person(rng)}]",
            f"unit: {unit.id}",
            "interviewee:",
            f"  name: {name}",
            f"  position: {unit.name}主要负责人",
            f"summary: {q(self.paragraph()[:60])}",
            "pledges:",
        ]
        for index, quote in enumerate(chosen):
            front += self.pledge(unit, number, index, day, quote.strip("。"))
        front.append("---")
        path = f"interviews/{day.year}/{unit.id}-{number}.md"
        return path, "\n".join(front) + "\n\n" + "\n\n".join(blocks) + "\n"

    def write(self, total: int, dest: Path) -> None:
        self.total = total
        folder = dest / "interviews"
        folder.mkdir(parents=True)
        registry = [f"- id: {u.id}\n  name: {u.name}\n  short_name: {u.short_name}\n" for u in self.units]
        (folder / "units.yml").write_text("".join(registry), encoding="utf-8")
        for number in range(1, total + 1):
            path, text = self.interview(number)
            (dest / path).parent.mkdir(parents=True, exist_ok=True)
            (dest / path).write_text(text, encoding="utf-8")


def write_site(total: int, dest: Path, seed: int = 1) -> None:
    """A complete site in ``dest``: the repository's mkdocs.yml and docs/,
    with ``total`` synthetic interviews instead of the bundled one."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", dest / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = re.sub(r"as_of: \S+", f"as_of: {AS_OF.isoformat()}", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    Writer(seed).write(total, dest)
    shutil.copy(ROOT / "interviews" / "words.txt", dest / "interviews" / "words.txt")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic site of N interviews.")
    parser.add_argument("n", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_site(args.n, args.dest, args.seed)


if __name__ == "__main__":
    main()
