"""A new interview file with every field in place and Chinese comments, for
``python -m generator new``. Empty fields are left empty on purpose: the
checker names each one until the editor has filled it in."""

from __future__ import annotations

import datetime as dt

from generator.content.model import Corpus, Unit


def next_issue(corpus: Corpus) -> int:
    """The issue number after the highest one so far."""
    return max((i.issue for i in corpus.interviews), default=0) + 1


def default_slug(unit: Unit, day: dt.date, issue: int) -> str:
    """``szjggw-2026-11``: unit, year and issue, a valid permanent URL."""
    return f"{unit.id}-{day.year}-{issue}"


def new_interview(unit: Unit, day: dt.date, issue: int, outlet: str = "") -> str:
    """The text of a new interview file."""
    year = day.year
    return f"""---
# 访谈标题：两个短语之间用一个空格分开，网页上会显示为两行。
title: ""
# 副标题；没有就删去这一行。
subtitle: ""
# 栏目期数（按顺序已排到第 {issue} 期，请核对）。
issue: {issue}
# 见报日期，写成 年-月-日。
date: {day.isoformat()}
# 刊登的媒体，写法要和正文中提问段落开头的名称一致，例如 齐鲁晚报·齐鲁壹点
outlet: "{outlet}"
# 记者、通讯员：多人写成 [甲, 乙]；没有通讯员就删去那一行。
reporters: []
correspondents: []
# 实习生（可不填）：署名中有实习生时写成 [甲]，没有就删去这一行。
interns: []
# 单位编号，见 interviews/units.yml（{unit.short_name}）。
unit: {unit.id}
# 受访者：姓名和职务（职务写成见报时的全称）。
interviewee:
  name: ""
  position: ""
# 配图说明和图片署名（如 通讯员 王涛 摄，可不填）；没有配图就删去这几行。
photo:
  caption: ""
  credit: ""
# 摘要：一两句话概括本期的主要承诺。
summary: ""
# 承诺：每项一组，以「- id:」开头。编号是永久网址，发布后不能再改。
# quote 必须从正文逐字复制；时限写成 年-月-日；有数量的承诺写 target。
pledges: []
#  - id: {unit.id}-{year}-xxx
#    text: 一句话概括这项承诺
#    quote: 正文中的原话
#    category: 类别
#    deadline: {year}-12-31
#    target: {{value: 10, unit: 个项目}}
---

（导语：介绍本期专访的第一段。）

## 第一个小标题 第二行

{outlet or "媒体名称"}:（记者的问题。）

受访者姓名:（受访者的回答。）
"""
