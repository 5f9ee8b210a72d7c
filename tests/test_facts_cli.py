"""`kbreader facts` and `kbreader entities` end to end (in process)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import get_args

import pytest
import yaml

from reader.cli import main
from reader.facts.model import EntityType, NumberKind
from tests.conftest import SEED_PATH


def test_facts_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", str(SEED_PATH), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data)[:3] == ["path", "title", "date"]
    assert data["date"].startswith("2023-10-19")
    assert any(n["text"] == "今年6月" and n["normalized"] == "2023-06" for n in data["numbers"])
    assert {n["kind"] for n in data["numbers"]} <= set(get_args(NumberKind))
    assert {e["type"] for e in data["entities"]} <= set(get_args(EntityType))


def test_facts_yaml_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = "# 标题\n\n2023年5月，北京大学发布了3项成果。\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    assert main(["facts", "-", "--yaml"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["path"] == "-"
    assert [n["text"] for n in data["numbers"]] == ["2023年5月", "3项"]
    assert [e["name"] for e in data["entities"]] == ["北京大学"]


def test_facts_table_shows_no_raw_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "# 标题\x1b[31m\n\n记者 张伟\x1b]0;x\x07报道：[red]100家[/red]企业。\n", encoding="utf-8"
    )
    assert main(["facts", str(article)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "100家" in out


@pytest.mark.parametrize("make", ["missing", "folder", "binary"])
def test_facts_errors(make: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.md"
    if make == "folder":
        target.mkdir()
    elif make == "binary":
        target.write_bytes(b"\x00\x01\x02\xff\xfe" * 100)
    assert main(["facts", str(target)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("kbreader: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_entities_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    (library / "a.md").write_text("# 甲\n\n北京大学与清华大学合作。\n", encoding="utf-8")
    (library / "b.md").write_text("# 乙\n\n北京大学校长表示欢迎。\n", encoding="utf-8")
    assert main(["entities", str(library), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {"name": "北京大学", "type": "organization", "articles": 2}
    assert {"name": "清华大学", "type": "organization", "articles": 1} in data


def test_facts_table_at_80_columns_cuts_no_value(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["facts", str(SEED_PATH)]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out
    rows = [line.split() for line in out.splitlines()]
    # Whole on one line each: the date a season stands for, counts with unit and bound.
    assert ["date", "2022年秋季", "2022-23", "502"] in rows
    assert any(row[:3] == ["count", "150余场", ">150"] and row[3] == "场" for row in rows)
    assert any(row[:2] == ["datetime", "2023-10-19"] and "2023-10-19T22:02" in row for row in rows)
