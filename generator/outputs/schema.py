"""The JSON Schema (draft 2020-12) of the open data files under ``/api/``.

Every object forbids properties it does not list and requires every property
it lists, so the schema and the output cannot drift apart unnoticed: the tests
validate the real output against it. Every field carries a Chinese
``description``; the field tables of the data page are generated from them.
"""

from __future__ import annotations

from typing import Any

from generator.content.model import CORRECTABLE, STATUS_KEYS, Status

Schema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: The kinds of JSON file, in the order the data page lists them.
FILE_DEFS = ("pledges_file", "pledge_file", "units_file", "report_file")


def field(kind: str, description: str, *, nullable: bool = False, **extra: Any) -> Schema:
    """A scalar field: ``kind`` is a JSON type; ``extra`` adds e.g. a format."""
    return {"type": [kind, "null"] if nullable else kind, "description": description, **extra}


def ref(name: str, description: str, *, nullable: bool = False) -> Schema:
    """A field holding an object defined under ``$defs``."""
    target = {"$ref": f"#/$defs/{name}"}
    if nullable:
        return {"description": description, "anyOf": [target, {"type": "null"}]}
    return {**target, "description": description}


def array(items: Schema, description: str) -> Schema:
    return {"type": "array", "description": description, "items": items}


def record(title: str, description: str, properties: dict[str, Schema]) -> Schema:
    """An object with exactly these properties, all of them present."""
    return {
        "type": "object",
        "title": title,
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def date(description: str, *, nullable: bool = False) -> Schema:
    return field("string", f"{description}（YYYY-MM-DD）。", nullable=nullable, format="date")


def url(description: str, *, nullable: bool = False) -> Schema:
    return field("string", description, nullable=nullable, format="uri")


#: The fields of a set of pledges' counts (the reports' add the share kept).
COUNTS: dict[str, Schema] = {
    "total": field("integer", "承诺总数。", minimum=0),
    "by_status": ref("by_status", "每种状态的承诺数。"),
    "overdue": field("integer", "已逾期的承诺数（时限已过而状态不是最终状态）。", minimum=0),
    "kept": field("integer", "已兑现的承诺数。", minimum=0),
}

DEFS: dict[str, Schema] = {
    "pledges_file": record(
        "pledges.json：全部承诺",
        "全部承诺，按访谈文件的顺序排列。",
        {
            "meta": ref("meta", "数据说明：截至日期、出处、字段定义的网址。"),
            "counts": ref("counts", "全部承诺的统计。"),
            "pledges": array({"$ref": "#/$defs/pledge"}, "每项承诺一条记录。"),
        },
    ),
    "pledge_file": record(
        "pledges/<编号>.json：单项承诺",
        "一项承诺，记录与 pledges.json 中的相同。",
        {
            "meta": ref("meta", "数据说明：截至日期、出处、字段定义的网址。"),
            "pledge": ref("pledge", "这项承诺。"),
        },
    ),
    "units_file": record(
        "units.json：单位",
        "全部单位，按单位名录的顺序排列，含各单位承诺的统计。",
        {
            "meta": ref("meta", "数据说明：截至日期、出处、字段定义的网址。"),
            "units": array({"$ref": "#/$defs/unit"}, "每个单位一条记录。"),
        },
    ),
    "report_file": record(
        "reports/<年份>.json：年度践诺报告",
        "一个年度的践诺报告：该年专访中作出的承诺，以及此前作出、该年初仍未办结的承诺，各项状态以报告日为准。"
        "年度结束后，报告日是该年 12 月 31 日，此后的进展不再改变这个文件。",
        {
            "meta": ref("meta", "数据说明；其中 as_of 是报告日。"),
            "report": ref("report", "这份报告。"),
        },
    ),
    "report": record(
        "年度报告（report）",
        "一个年度的报告：全栏目的统计和各单位的情况，单位按兑现率从高到低排列。",
        {
            "year": field("integer", "年度。"),
            "day": date("报告日：年度的最后一天；年度进行中时是数据截至日期"),
            "running": field("boolean", "为 true 时年度仍在进行，报告随进展更新，年度结束后定稿。"),
            "url": url("报告页面的网址（/reports/<年份>/）。"),
            "pdf_url": url("报告 PDF（A4）的网址。"),
            "counts": ref("report_counts", "全部单位的统计。"),
            "units": array({"$ref": "#/$defs/report_unit"}, "每个单位一条记录。"),
        },
    ),
    "report_counts": record(
        "报告的统计（report.counts）",
        "一组承诺在报告日按状态的统计。",
        {
            **COUNTS,
            "overdue": field("integer", "报告日已逾期的承诺数。", minimum=0),
            "kept_share": field(
                "number", "兑现率 = 已兑现 ÷ 承诺总数（0 到 1，保留四位小数）；没有承诺时为 null。", nullable=True
            ),
        },
    ),
    "report_unit": record(
        "报告中的单位（report.units[]）",
        "一个单位在这份报告中的情况。",
        {
            "id": field("string", "单位编号，永不改变。"),
            "name": field("string", "单位全称。"),
            "short_name": field("string", "单位简称。"),
            "url": url("这个单位本年度报告页面的网址（/reports/<年份>/<单位编号>/）。"),
            "pdf_url": url("这个单位本年度报告 PDF 的网址。"),
            "counts": ref("report_counts", "这个单位的统计。"),
            "pledges": array({"$ref": "#/$defs/report_pledge"}, "这个单位的每项承诺。"),
        },
    ),
    "report_pledge": record(
        "报告中的承诺（report.units[].pledges[]）",
        "一项承诺在报告日的情况。",
        {
            "id": field("string", "承诺编号。"),
            "url": url("承诺的永久网址。"),
            "text": field("string", "承诺内容。"),
            "category": field("string", "承诺的类别。"),
            "made": field("integer", "作出承诺的年份（专访见报的年份）。"),
            "deadline": date("时限"),
            "status": ref("status", "报告日的状态：报告日及之前最后一条进展的状态。"),
            "overdue": field("boolean", "报告日是否已逾期。"),
            "days_overdue": field("integer", "报告日的逾期天数；未逾期时为 0。", minimum=0),
            "pace": ref(
                "report_pace", "有量化目标的承诺在报告日的序时进度；没有目标或已撤回时为 null。", nullable=True
            ),
            "last_update": ref("report_update", "报告日及之前的最后一条进展；没有时为 null。", nullable=True),
        },
    ),
    "report_pace": record(
        "序时进度（report_pledge.pace）",
        "实际进度与按时间应完成的进度，百分比向下取整。",
        {
            "actual": field("string", "实际进度，例如 45%。"),
            "expected": field("string", "序时进度，例如 50%。"),
            "grade": field("string", "评价：超进度、达进度或欠进度。", enum=["超进度", "达进度", "欠进度"]),
        },
    ),
    "report_update": record(
        "最后一条进展（report_pledge.last_update）",
        "报告日及之前的最后一条进展。",
        {
            "date": date("进展日期"),
            "note": field("string", "进展说明。"),
            "sources": array({"$ref": "#/$defs/source"}, "可供核实的来源；可以为空列表。"),
        },
    ),
    "meta": record(
        "数据说明（meta）",
        "每个文件都有的说明部分。",
        {
            "site": field("string", "网站名称。"),
            "site_url": url("网站首页的网址。"),
            "column": field("string", "访谈所在的报纸栏目。"),
            "publisher": field("string", "网站的出版方；未设置时为空字符串。"),
            "as_of": date("数据截至日期：是否逾期、状态统计都以这一天为准"),
            "demo": field("boolean", "为 true 时，进展记录是演示数据，不是真实报道，请勿引用。"),
            "attribution": field("string", "转载、引用时请注明的出处。"),
            "schema": url("本数据的 JSON Schema（字段定义）的网址。"),
        },
    ),
    "counts": record("统计（counts）", "一组承诺按状态的统计，以截至日期为准。", COUNTS),
    "by_status": record(
        "各状态的承诺数（counts.by_status）",
        "每种状态的承诺数，每种状态都列出（没有则为 0）。",
        {s.value: field("integer", f"状态为「{s.label}」的承诺数。", minimum=0) for s in Status},
    ),
    "pledge": record(
        "承诺（pledge）",
        "一项承诺及其全部进展。",
        {
            "id": field("string", "承诺编号，全站唯一，永不改变。"),
            "url": url("承诺的永久网址（/pledges/<编号>/）。"),
            "text": field("string", "承诺内容，一句话概括。"),
            "quote": field("string", "访谈原文中的原话。"),
            "quote_url": url("原话在访谈原文中所在段落的网址；找不到段落时为 null。", nullable=True),
            "category": field("string", "承诺的类别。"),
            "unit": ref("unit_ref", "作出承诺的单位。"),
            "interview": ref("interview_ref", "作出承诺的访谈。"),
            "deadline": date("时限：原文的月份、“年底”等说法折算成的日期"),
            "deadline_note": field("string", "时限如何折算的说明；原文写明时限时为 null。", nullable=True),
            "target": ref("target", "承诺给出的目标数量；没有目标时为 null。", nullable=True),
            "value": field("number", "最近一次报道的完成数量；没有时为 null。", nullable=True),
            "share": field(
                "number",
                "完成比例（0 到 1，保留四位小数）= 完成数量 ÷ 目标数量；无法计算时为 null。",
                nullable=True,
                minimum=0,
                maximum=1,
            ),
            "status": ref("status", "截至日期时的状态，即最近一条进展的状态；没有进展时为未启动。"),
            "overdue": field("boolean", "截至日期时是否已逾期：时限已过，而状态不是已兑现、部分兑现、未兑现或已撤回。"),
            "days_overdue": field("integer", "逾期天数；未逾期时为 0。", minimum=0),
            "withdrawal": ref("withdrawal", "承诺已撤回时的说明；未撤回时为 null。", nullable=True),
            "updates": array({"$ref": "#/$defs/update"}, "全部进展，从早到晚。"),
            "corrections": array({"$ref": "#/$defs/correction"}, "发布后的全部更正，从早到晚；没有更正时为空列表。"),
        },
    ),
    "unit_ref": record(
        "承诺的单位（pledge.unit）",
        "作出承诺的单位。",
        {
            "id": field("string", "单位编号，永不改变。"),
            "name": field("string", "单位全称。"),
            "short_name": field("string", "单位简称。"),
            "url": url("单位页面的网址。"),
        },
    ),
    "interview_ref": record(
        "承诺的访谈（pledge.interview）",
        "作出承诺的访谈。",
        {
            "slug": field("string", "访谈的网址名（文件名），永不改变。"),
            "title": field("string", "访谈标题。"),
            "issue": field("integer", "栏目期数。", minimum=1),
            "date": date("见报日期"),
            "outlet": field("string", "刊登的媒体。"),
            "interviewee": field("string", "受访者姓名。"),
            "position": field("string", "受访者职务。"),
            "url": url("访谈页面的网址。"),
        },
    ),
    "target": record(
        "目标（pledge.target）",
        "承诺给出的目标数量，例如 44 个支部。",
        {
            "value": field("number", "目标数值。", exclusiveMinimum=0),
            "unit": field("string", "计量单位，例如“个支部”。"),
        },
    ),
    "status": record(
        "状态（status）",
        "状态的英文键和中文名称。",
        {
            "key": field("string", f"状态的英文键，不会改变：{STATUS_KEYS}。", enum=[s.value for s in Status]),
            "label": field("string", "状态的中文名称。", enum=[s.label for s in Status]),
        },
    ),
    "withdrawal": record(
        "撤回（pledge.withdrawal）",
        "承诺被撤回或被替代的说明，来自状态为已撤回的那条进展。",
        {
            "date": date("撤回日期"),
            "reason": field("string", "撤回的原因。"),
            "successor": field("string", "替代它的后续承诺的编号；没有时为 null。", nullable=True),
            "successor_url": url("后续承诺的网址；没有时为 null。", nullable=True),
        },
    ),
    "update": record(
        "进展（pledge.updates[]）",
        "一条有日期的进展记录。",
        {
            "date": date("进展日期"),
            "anchor": field("string", "这条进展在承诺页面上的锚点，例如 update-2020-07-20；同一天的第二条加 -2。"),
            "url": url("这条进展在承诺页面上的网址（带锚点）。"),
            "status": ref("status", "这条进展之后的状态。"),
            "note": field("string", "进展说明。"),
            "value": field("number", "这条进展报道的完成数量；没有时为 null。", nullable=True),
            "sources": array({"$ref": "#/$defs/source"}, "可供核实的来源；可以为空列表。"),
        },
    ),
    "correction": record(
        "更正（pledge.corrections[]）",
        "对已发布承诺的一次更正：日期、理由和改动前后的文字。",
        {
            "date": date("更正日期"),
            "note": field("string", "更正的理由。"),
            "url": url("这条更正在承诺页面上的网址（带锚点）。"),
            "fields": array(
                field("string", f"字段名：{'、'.join(CORRECTABLE)}。", enum=list(CORRECTABLE)),
                "这次更正改动的字段。",
            ),
            "changes": array({"$ref": "#/$defs/change"}, "每一处改动；网站记录之前的更正可能为空列表。"),
        },
    ),
    "change": record(
        "改动（corrections[].changes[]）",
        "一个字段改动前后的文字；进展（progress）是一整条进展写成的一行：日期、状态、数值和来源。",
        {
            "field": field("string", f"字段名：{'、'.join(CORRECTABLE)}。", enum=list(CORRECTABLE)),
            "before": field("string", "发布时的文字。"),
            "after": field("string", "更正后的文字；删去的进展为空字符串。"),
        },
    ),
    "source": record(
        "来源（updates[].sources[]）",
        "可以核实进展的网页或文件，至少有网址或文号之一。",
        {
            "title": field("string", "来源标题。"),
            "url": url("来源网页的网址；没有时为 null。", nullable=True),
            "doc_no": field("string", "文件的文号，例如 鲁交发〔2020〕8号；没有时为 null。", nullable=True),
        },
    ),
    "unit": record(
        "单位（units[]）",
        "一个接受专访的单位，及其全部承诺的统计。",
        {
            "id": field("string", "单位编号，永不改变。"),
            "name": field("string", "单位全称。"),
            "short_name": field("string", "单位简称。"),
            "url": url("单位页面的网址。"),
            "feed_url": url("这个单位的动态订阅（Atom）的网址。"),
            "calendar_url": url("这个单位承诺时限日历（iCalendar）的网址；单位没有承诺时为 null。", nullable=True),
            "counts": ref("counts", "这个单位的承诺统计。"),
            "interviews": array(field("string", "访谈的网址名。"), "这个单位的访谈的网址名，从新到旧。"),
            "pledges": array(field("string", "承诺编号。"), "这个单位的承诺编号，按访谈文件的顺序。"),
        },
    ),
}


def build_schema(schema_url: str) -> Schema:
    """The whole schema, identified by the URL it is published at: a file
    validates when it is one of the kinds of JSON file."""
    return {
        "$schema": DRAFT,
        "$id": schema_url,
        "title": "践诺开放数据",
        "description": "践诺网站 /api/ 下 JSON 文件的字段定义：pledges.json、pledges/<编号>.json、units.json 和 reports/<年份>.json。",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in FILE_DEFS],
        "$defs": DEFS,
    }


def field_tables() -> str:
    """A Markdown table (field, type, description) per object of the schema."""
    return "\n\n".join(object_table(DEFS[name]) for name in DEFS)


def object_table(schema: Schema) -> str:
    rows = [f"### {schema['title']}", "", schema["description"], "", "| 字段 | 类型 | 说明 |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | {type_name(sub)} | {sub['description']} |" for name, sub in schema["properties"].items()]
    return "\n".join(rows)


SCALAR_NAMES = {"string": "文本", "integer": "整数", "number": "数值", "boolean": "true 或 false"}
FORMAT_NAMES = {"date": "日期", "uri": "网址"}


def type_name(schema: Schema) -> str:
    """How a field's type reads in the table, e.g. 网址或 null."""
    if "anyOf" in schema:
        return " 或 ".join(type_name(option) for option in schema["anyOf"])
    if "$ref" in schema:
        title: str = DEFS[schema["$ref"].rsplit("/", 1)[-1]]["title"]
        return title.split("（")[0]
    if schema.get("type") == "array":
        return f"{type_name(schema['items'])}的列表"
    if schema.get("type") == "object":
        return "对象（见说明）"
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    names = [FORMAT_NAMES.get(schema.get("format", ""), SCALAR_NAMES[k]) if k != "null" else "null" for k in kinds]
    return " 或 ".join(names)
