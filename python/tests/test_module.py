# SPDX-License-Identifier: MIT
# The Python module gives what the command's JSON gives: the same records,
# documents and diagnostics, field for field, because both come from the
# same writers.
import json
import os
import sys
import threading
import time

import pytest

import claimcheck

TEXT = "整體開銷約2萬(wàn)美元，超过300家企业参展。\nRevenue rose 25% to $150 million, about 3,584 GPUs.\n"


def test_extract_gives_the_records_of_extract_jsonl_without_the_file(cli, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    status, out, _ = cli("extract", str(path), "--format", "jsonl")
    assert status == 0
    expected = [json.loads(line) for line in out.splitlines()]
    for record in expected:
        # What makes a line stand alone: the module's records are in a list.
        assert (record.pop("report"), record.pop("format_version")) == ("extract", 1)
        del record["file"]
    records = claimcheck.extract(TEXT)
    assert records == expected
    assert [r["surface"] for r in records][:2] == ["約2萬(wàn)美元", "超过300家"]


def test_extract_copies_the_language_and_can_list_idioms():
    assert {r["language"] for r in claimcheck.extract(TEXT, language="zh")} == {"zh"}
    assert "language" not in claimcheck.extract(TEXT)[0]
    plain = claimcheck.extract("千行百业都在用一个模型")
    assert plain == []
    idioms = claimcheck.extract("千行百业都在用一个模型", include_idioms=True)
    assert {r["kind"] for r in idioms} == {"idiom"}


@pytest.mark.parametrize("text, value, precision, magnitude_only", [
    ("2万", 20000, 10000, False),
    ("3,584", 3584, 1, False),
    ("两千亿", 2e11, 1e11, False),
    ("几十亿", 1e9, 1e9, True),
    ("1.50", 1.5, 0.01, False),
])
def test_parse_value_reads_a_number_as_written(text, value, precision, magnitude_only):
    got = claimcheck.parse_value(text)
    assert got["text"] == text
    assert got["value"] == pytest.approx(value)
    assert got["precision"] == pytest.approx(precision)
    assert got["magnitude_only"] is magnitude_only


@pytest.mark.parametrize("text, code", [("", "number.syntax"), ("abc", "number.scale"),
                                        ("1.2.3", "number.syntax"), ("2万K", "number.scale")])
def test_parse_value_refuses_what_is_not_a_number(text, code):
    with pytest.raises(claimcheck.InvalidInput) as caught:
        claimcheck.parse_value(text)
    assert isinstance(caught.value, ValueError)
    [d] = caught.value.diagnostics
    assert (d["severity"], d["code"]) == ("error", code)
    assert code in str(caught.value)


def test_load_gives_the_document_of_validate_json(cli, source_dir):
    dossier = os.path.join(source_dir, "claims", "waic-2023")
    status, out, _ = cli("validate", dossier, "--format", "json")
    assert status == 0
    assert claimcheck.load(dossier) == json.loads(out)
    assert claimcheck.load(dossier)["valid"] is True


def test_load_reports_problems_as_diagnostics(tmp_path, cli):
    bad = tmp_path / "claims.json"
    bad.write_text('{"claimcheck": 1, "claims": [{"id": "x"', encoding="utf-8")
    document = claimcheck.load(str(bad))
    assert document["valid"] is False
    assert document["diagnostics"][0]["code"] == "json.syntax"
    _, out, _ = cli("validate", str(bad), "--format", "json")
    assert document == json.loads(out)


def test_check_gives_the_document_of_check_json(cli, source_dir):
    dossier = os.path.join(source_dir, "claims", "waic-2023")
    _, out, _ = cli("check", dossier, "--format", "json")
    assert claimcheck.check(dossier) == json.loads(out)


def test_check_raises_invalid_input_for_claim_files_that_do_not_load(tmp_path):
    bad = tmp_path / "claims.json"
    bad.write_text('{"claimcheck": 1, "claims": [{"id": "x"', encoding="utf-8")
    with pytest.raises(claimcheck.InvalidInput) as caught:
        claimcheck.check(str(bad))
    assert caught.value.diagnostics[0]["code"] == "json.syntax"
    assert "json.syntax" in str(caught.value)


def test_extract_jsonl_gives_the_records_of_the_command(cli, tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": TEXT, "language": "zh", "url": "u"}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"id": 7, "text": "3个"}),
    ]
    data = "\n".join(lines) + "\n"
    path = tmp_path / "shard.jsonl"
    path.write_text(data, encoding="utf-8")
    status, out, err = cli("extract", "--input-format", "jsonl", str(path), "--format", "jsonl")
    assert status == 2
    result = claimcheck.extract_jsonl(data.encode("utf-8"), str(path))
    assert result["records"].decode("utf-8") == out
    assert result["problems"] == err.splitlines()
    assert (result["lines"], result["articles"], result["bad_lines"], result["blank_lines"]) == \
        (4, 2, 1, 1)
    assert result["bytes"] == len(data.encode("utf-8"))
    assert sum(result["mentions_by_kind"].values()) == result["mentions"] == len(out.splitlines())
    # Written to a file instead: the same bytes.
    written = tmp_path / "mentions.jsonl"
    again = claimcheck.extract_jsonl(data, str(path), output=str(written))
    assert written.read_text(encoding="utf-8") == out
    assert "records" not in again and again["mentions"] == result["mentions"]


def test_the_gil_is_released_while_cpp_runs():
    # With a switch interval of an hour, Python never takes the GIL from a
    # thread that holds it: the main thread can run while the other thread is
    # inside extract() only if extract() let go of it.
    text = TEXT * 20000
    started = threading.Event()
    ticks = 0

    def work():
        started.set()
        claimcheck.extract(text)

    old = sys.getswitchinterval()
    sys.setswitchinterval(3600)
    try:
        t = threading.Thread(target=work)
        t.start()
        started.wait()
        while t.is_alive():
            ticks += 1
            time.sleep(0.001)  # gives the GIL back, so that work() can finish
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert ticks >= 3


def test_scan_gives_the_findings_of_scan_json(cli, tmp_path):
    text = ("Revenue rose 25% to $54 million from $50 million.\n"
            "Revenue rose 8% to $54 million from $50 million.\n")
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    for flags, all_ in (([], False), (["--all"], True)):
        status, out, _ = cli("scan", str(path), "--format", "json", *flags)
        assert status == 1
        [expected] = json.loads(out)["files"]
        assert claimcheck.scan(text, all=all_, file=str(path)) == expected["findings"]
    assert [f["outcome"] for f in claimcheck.scan(text, all=True)] == ["fail", "pass"]
