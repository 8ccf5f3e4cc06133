"""Open data: the JSON files against their schema, the CSV, the field tables."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest
from jsonschema import Draft202012Validator, ValidationError

from generator.content.check import load_and_check
from generator.outputs.markers import DATA_FIELDS_MARKER
from generator.outputs.opendata import COLUMNS, build_data, schema_markdown
from generator.outputs.schema import DEFS, DRAFT, Schema
from generator.views.catalog import Catalog
from generator.views.siteview import Settings

from .conftest import ROOT, SITES

AS_OF = dt.date(2021, 6, 10)
SITE = Settings("践诺测试站", "https://example.org/", "决胜攻坚·向人民报告", "测试出版方", "", demo=True)
BUNDLED = Settings("践诺", "https://jiannuo.example.org/", "决胜攻坚·向人民报告", "栏目组", "", demo=True)
CJK = re.compile(r"[\u4e00-\u9fff]")

WITHDRAWN_INTERVIEW = """\
---
title: 测试撤回
issue: 99
date: 2021-01-20
outlet: 测试日报
reporters: [甲记者]
unit: shuili
interviewee:
  name: 王五
  position: 测试省水利厅副厅长
pledges:
  - id: sl-2021-old
    text: 3月底前建成5座泵站
    quote: 3月底前建成5座泵站
    category: 水利安全
    deadline: 2021-03-31
    successor: sl-2021-new
    progress:
      - date: 2021-02-01
        status: in_progress
        note: 泵站开工
      - date: 2021-02-01
        status: withdrawn
        note: 泵站并入河道治理工程统一实施
  - id: sl-2021-new
    text: 年内完成河道治理工程
    quote: 年内完成河道治理工程
    category: 河湖治理
    deadline: 2021-12-31
---

测试日报:还有什么打算?

王五:3月底前建成5座泵站。年内完成河道治理工程。
"""


def load_catalog(folder: Path, as_of: dt.date) -> Catalog:
    """The checked catalog of the interviews in ``folder``."""
    corpus, problems = load_and_check(folder, folder.parent, as_of)
    assert problems == []
    return Catalog(corpus, as_of)


def small_catalog() -> Catalog:
    return load_catalog(SITES / "small" / "interviews", AS_OF)


def withdrawn_catalog(tmp_path: Path) -> Catalog:
    """The small site plus an interview with a pledge withdrawn (on the day
    of its first update) in favour of a successor, and a unit not yet
    interviewed."""
    folder = tmp_path / "interviews"
    shutil.copytree(SITES / "small" / "interviews", folder)
    (folder / "2021" / "wang-wu.md").write_text(WITHDRAWN_INTERVIEW, encoding="utf-8")
    with (folder / "units.yml").open("a", encoding="utf-8") as units:
        units.write("- id: nongye\n  name: 测试省农业农村厅\n  short_name: 农业厅\n")
    return load_catalog(folder, AS_OF)


def as_json(files: dict[str, bytes], path: str) -> Any:
    return json.loads(files[path].decode("utf-8"))


def validator(files: dict[str, bytes]) -> Draft202012Validator:
    return Draft202012Validator(as_json(files, "api/schema.json"), format_checker=Draft202012Validator.FORMAT_CHECKER)


def json_files(files: dict[str, bytes]) -> list[str]:
    return sorted(p for p in files if p.endswith(".json") and p != "api/schema.json")


def pledge(files: dict[str, bytes], pledge_id: str) -> Any:
    return as_json(files, f"api/pledges/{pledge_id}.json")["pledge"]


@pytest.fixture(scope="module")
def small() -> Catalog:
    return small_catalog()


@pytest.fixture(scope="module")
def files(small: Catalog) -> dict[str, bytes]:
    return build_data(small, SITE)


# -- the schema ---------------------------------------------------------------


def subschemas(schema: Schema) -> Iterator[tuple[str, Schema]]:
    """Every property schema of every object, with its name."""
    for definition in DEFS.values():
        for name, sub in definition["properties"].items():
            yield name, sub
            if sub.get("type") == "array" and "$ref" not in sub["items"]:
                yield f"{name}[]", sub["items"]


def test_schema_is_a_valid_draft_2020_12_schema(files: dict[str, bytes]) -> None:
    schema = as_json(files, "api/schema.json")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT
    assert schema["$id"] == "https://example.org/api/schema.json"


def test_every_field_has_a_chinese_description() -> None:
    for name, sub in subschemas(DEFS):
        assert CJK.search(sub.get("description", "")), name
    for name, definition in DEFS.items():
        assert CJK.search(definition["title"]) and CJK.search(definition["description"]), name


def test_every_object_lists_exactly_its_fields() -> None:
    for name, definition in DEFS.items():
        assert definition["additionalProperties"] is False, name
        assert definition["required"] == list(definition["properties"]), name


def test_every_json_file_matches_the_schema(small: Catalog, files: dict[str, bytes]) -> None:
    check = validator(files)
    for path in json_files(files):
        check.validate(as_json(files, path))
    assert len([p for p in files if p.startswith("api/pledges/")]) == len(small.entries)


def test_bundled_site_matches_the_schema() -> None:
    catalog = load_catalog(ROOT / "interviews", dt.date(2020, 12, 31))
    files = build_data(catalog, BUNDLED)
    check = validator(files)
    for path in json_files(files):
        check.validate(as_json(files, path))


@pytest.mark.parametrize(
    "where",
    [
        lambda d: d["meta"],
        lambda d: d["counts"],
        lambda d: d["counts"]["by_status"],
        lambda d: d["pledges"][0],
        lambda d: d["pledges"][0]["unit"],
        lambda d: d["pledges"][0]["interview"],
        lambda d: d["pledges"][0]["target"],
        lambda d: d["pledges"][0]["status"],
        lambda d: d["pledges"][0]["updates"][-1],
        lambda d: d["pledges"][0]["updates"][-1]["sources"][0],
    ],
)
def test_a_field_missing_from_the_schema_fails_validation(files: dict[str, bytes], where: Any) -> None:
    document = as_json(files, "api/pledges.json")
    changed = copy.deepcopy(document)
    where(changed)["new_field"] = 1
    with pytest.raises(ValidationError):
        validator(files).validate(changed)


def test_a_field_dropped_from_the_output_fails_validation(files: dict[str, bytes]) -> None:
    document = as_json(files, "api/pledges.json")
    del document["pledges"][0]["deadline_note"]
    with pytest.raises(ValidationError):
        validator(files).validate(document)


# -- the records ----------------------------------------------------------------


def test_meta_and_counts(small: Catalog, files: dict[str, bytes]) -> None:
    document = as_json(files, "api/pledges.json")
    assert document["meta"] == {
        "site": "践诺测试站",
        "site_url": "https://example.org/",
        "column": "决胜攻坚·向人民报告",
        "publisher": "测试出版方",
        "as_of": "2021-06-10",
        "demo": True,
        "attribution": "数据来源：践诺测试站（测试出版方），https://example.org/",
        "schema": "https://example.org/api/schema.json",
    }
    counts = document["counts"]
    assert counts["total"] == len(small.entries) == len(document["pledges"])
    assert sum(counts["by_status"].values()) == counts["total"]
    assert counts["overdue"] == sum(1 for e in small.entries if e.overdue)
    assert [p["id"] for p in document["pledges"]] == [e.id for e in small.entries]


def test_pledge_with_target_and_value(files: dict[str, bytes]) -> None:
    record = pledge(files, "jt-2020-weiqiao")
    assert record["url"] == "https://example.org/pledges/jt-2020-weiqiao/"
    assert record["quote_url"].startswith("https://example.org/interviews/zhang-san/#")
    assert record["unit"] == {
        "id": "jiaotong",
        "name": "测试省交通运输厅",
        "short_name": "交通厅",
        "url": "https://example.org/units/jiaotong/",
    }
    assert record["interview"]["slug"] == "zhang-san"
    assert record["interview"]["issue"] == 3
    assert record["interview"]["date"] == "2020-09-01"
    assert record["interview"]["url"] == "https://example.org/interviews/zhang-san/"
    assert record["deadline"] == "2020-12-31"
    assert record["target"] == {"value": 120, "unit": "座危桥"}
    assert (record["value"], record["share"]) == (100, 0.8333)
    assert record["status"] == {"key": "partial", "label": "部分兑现"}
    assert (record["overdue"], record["days_overdue"], record["withdrawal"]) == (False, 0, None)
    latest = record["updates"][-1]
    assert latest["date"] == "2020-12-20"
    assert latest["url"] == "https://example.org/pledges/jt-2020-weiqiao/#update-2020-12-20"
    assert latest["sources"] == [{"title": "危桥改造通报", "url": "https://example.org/news/weiqiao", "doc_no": None}]
    assert [u["value"] for u in record["updates"]] == [60, 100]


def test_overdue_pledge(files: dict[str, bytes]) -> None:
    record = pledge(files, "jt-2020-zhanting")
    assert record["status"]["key"] == "in_progress"
    assert record["overdue"] is True
    assert record["days_overdue"] == (AS_OF - dt.date(2020, 12, 31)).days


def test_pledge_without_progress(files: dict[str, bytes]) -> None:
    record = pledge(files, "sl-2021-shuiku")
    assert record["updates"] == []
    assert record["status"] == {"key": "not_started", "label": "未启动"}
    assert (record["target"], record["value"], record["share"]) == (None, None, None)
    assert record["overdue"] is True


def test_source_with_a_document_number(files: dict[str, bytes]) -> None:
    update = pledge(files, "jt-2020-xinxian")["updates"][0]
    assert update["sources"] == [{"title": "开通仪式", "url": None, "doc_no": "测交发〔2020〕8号"}]
    assert update["status"] == {"key": "fulfilled", "label": "已兑现"}


def test_units(small: Catalog, files: dict[str, bytes]) -> None:
    units = {u["id"]: u for u in as_json(files, "api/units.json")["units"]}
    assert list(units) == [u.id for u in small.units]
    jiaotong = units["jiaotong"]
    assert jiaotong["interviews"] == ["zhang-san"]
    assert jiaotong["pledges"] == ["jt-2020-weiqiao", "jt-2020-xinxian", "jt-2020-zhanting"]
    assert jiaotong["counts"]["total"] == 3
    assert (jiaotong["counts"]["overdue"], jiaotong["counts"]["kept"]) == (1, 1)
    assert jiaotong["counts"]["by_status"]["partial"] == 1
    assert jiaotong["feed_url"] == "https://example.org/units/jiaotong/feed.xml"
    assert jiaotong["calendar_url"] == "https://example.org/units/jiaotong/calendar.ics"


def test_withdrawn_pledge_names_its_successor(tmp_path: Path) -> None:
    files = build_data(withdrawn_catalog(tmp_path), SITE)
    record = pledge(files, "sl-2021-old")
    assert record["status"] == {"key": "withdrawn", "label": "已撤回"}
    assert record["overdue"] is False
    assert record["withdrawal"] == {
        "date": "2021-02-01",
        "reason": "泵站并入河道治理工程统一实施",
        "successor": "sl-2021-new",
        "successor_url": "https://example.org/pledges/sl-2021-new/",
    }
    assert [u["anchor"] for u in record["updates"]] == ["update-2021-02-01", "update-2021-02-01-2"]
    check = validator(files)
    for path in json_files(files):
        check.validate(as_json(files, path))
    row = next(r for r in csv_rows(files) if r["编号"] == "sl-2021-old")
    assert (row["状态"], row["撤回原因"], row["后续承诺"]) == ("已撤回", "泵站并入河道治理工程统一实施", "sl-2021-new")


def test_unit_without_interviews_has_no_calendar(tmp_path: Path) -> None:
    files = build_data(withdrawn_catalog(tmp_path), SITE)
    nongye = next(u for u in as_json(files, "api/units.json")["units"] if u["id"] == "nongye")
    assert (nongye["interviews"], nongye["pledges"], nongye["calendar_url"]) == ([], [], None)
    assert nongye["counts"]["total"] == 0


# -- the CSV --------------------------------------------------------------------


def csv_rows(files: dict[str, bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files["api/pledges.csv"].decode("utf-8-sig"), newline="")))


def test_csv_opens_in_excel(small: Catalog, files: dict[str, bytes]) -> None:
    data = files["api/pledges.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert text.splitlines()[0].split(",") == [c.header for c in COLUMNS]
    assert [r["编号"] for r in csv_rows(files)] == [e.id for e in small.entries]


def test_csv_values(files: dict[str, bytes]) -> None:
    rows = {r["编号"]: r for r in csv_rows(files)}
    weiqiao = rows["jt-2020-weiqiao"]
    assert (weiqiao["目标数值"], weiqiao["目标单位"], weiqiao["完成数值"]) == ("120", "座危桥", "100")
    assert (weiqiao["最新进展日期"], weiqiao["最新进展"]) == ("2020-12-20", "年内完成100座，其余转入明年")
    assert weiqiao["最新进展来源"] == "危桥改造通报 https://example.org/news/weiqiao"
    assert (weiqiao["已逾期"], weiqiao["状态"], weiqiao["进展条数"]) == ("否", "部分兑现", "2")
    assert rows["jt-2020-zhanting"]["已逾期"] == "是"
    assert rows["jt-2020-xinxian"]["最新进展来源"] == "开通仪式（测交发〔2020〕8号）"
    assert rows["jt-2020-xinxian"]["原话"] == "10月,开通城际新线路"
    shuiku = rows["sl-2021-shuiku"]
    assert (shuiku["最新进展日期"], shuiku["最新进展"], shuiku["目标数值"]) == ("", "", "")
    assert (shuiku["数据截至"], shuiku["演示数据"]) == ("2021-06-10", "是")


# -- determinism and the data page ------------------------------------------------


def test_same_catalog_same_bytes() -> None:
    assert build_data(small_catalog(), SITE) == build_data(small_catalog(), SITE)


def test_site_url_must_be_absolute_with_a_slash() -> None:
    with pytest.raises(ValueError, match="site_url"):
        Settings("站", "https://example.org", "栏目", "", "", demo=False)


def test_field_tables_cover_every_field() -> None:
    text = schema_markdown()
    for definition in DEFS.values():
        assert f"### {definition['title']}" in text
        for name in definition["properties"]:
            assert f"| `{name}` |" in text, name
    for column in COLUMNS:
        assert f"| {column.header} |" in text


def test_field_tables_render_as_tables() -> None:
    html = markdown.markdown(schema_markdown(), extensions=["tables"])
    assert html.count("<table>") == len(DEFS) + 1
    assert "pledges/&lt;编号&gt;.json" in html


def test_data_page_has_the_markers() -> None:
    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert "title: 开放数据" in text
    assert DATA_FIELDS_MARKER in text
    assert "<!-- jn:statuses -->" in text
