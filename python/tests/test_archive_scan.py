# SPDX-License-Identifier: MIT
# scripts/archive-scan on a LocalCluster of 2 workers: the union of its
# outputs is what one `claimcheck extract --input-format jsonl` process
# writes, every input line is counted once, and a worker killed in the
# middle of a partition costs a retry, not a record.
import glob
import json
import os
import subprocess
import sys

import claimcheck

from conftest import SOURCE_DIR, make_archive

SCRIPT = os.path.join(SOURCE_DIR, "scripts", "archive-scan")


def archive_scan(*args, env=None):
    module_dir = os.path.dirname(claimcheck.__file__)
    p = subprocess.run([sys.executable, SCRIPT, "--module-dir", module_dir, "--no-progress", *args],
                       capture_output=True, text=True, env={**os.environ, **(env or {})},
                       timeout=240)
    return p.returncode, p.stdout, p.stderr


def corpus(tmp_path):
    folder = tmp_path / "shards"
    folder.mkdir()
    paths, lines = make_archive(str(folder), shards=4, size_mb=0.4)
    # One bad line and one blank line in the second shard, and an empty shard;
    # articles that state arithmetic (gen-text's sentences state none) in the third.
    with open(paths[1], "a", encoding="utf-8") as f:
        f.write('{"id": "broken", "text": \n\n')
    with open(paths[2], "a", encoding="utf-8") as f:
        for k, p in enumerate(["25%", "8%", "10%"]):
            f.write(json.dumps({"id": "rel-%d" % k, "language": "en",
                                "text": "Revenue rose %s to $54 million from $50 million." % p})
                    + "\n")
    lines += 3
    open(os.path.join(str(folder), "shard-99.jsonl"), "w").close()
    return str(folder / "shard-*.jsonl"), lines + 2


def single_process(cli, pattern):
    status, out, err = cli("extract", "--input-format", "jsonl", *sorted(glob.glob(pattern)),
                           "--format", "jsonl")
    return status, sorted(out.splitlines()), err.splitlines()


def single_process_scan(cli, pattern):
    status, out, _ = cli("scan", "--input-format", "jsonl", *sorted(glob.glob(pattern)),
                         "--all", "--format", "jsonl")
    return status, sorted(out.splitlines())


def union_of_outputs(out_dir, prefix="mentions"):
    records = []
    for path in sorted(glob.glob(os.path.join(out_dir, prefix + "-*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            records.extend(f.read().splitlines())
    return sorted(records)


def test_two_workers_write_what_one_process_writes(cli, tmp_path):
    pattern, total_lines = corpus(tmp_path)
    out_dir = str(tmp_path / "out")
    status, out, err = archive_scan("--workers", "2", pattern, out_dir)
    assert status == 2, err  # the bad line
    expected_status, expected, expected_problems = single_process(cli, pattern)
    assert expected_status == 2
    assert len(expected) > 1000
    assert union_of_outputs(out_dir) == expected
    assert len(glob.glob(os.path.join(out_dir, "mentions-*.jsonl"))) == 5
    with open(os.path.join(out_dir, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    assert summary["complete"] is True
    assert summary["workers"] == 2
    assert summary["lines"] == total_lines
    assert summary["articles"] + summary["bad_lines"] + summary["blank_lines"] == total_lines
    assert summary["bad_lines"] == 1
    assert summary["mentions"] == len(expected)
    assert sum(summary["mentions_by_kind"].values()) == len(expected)
    assert summary["bytes"] == sum(os.path.getsize(p) for p in glob.glob(pattern))
    assert sum(w["partitions"] for w in summary["per_worker"].values()) == 5
    assert summary["first_problems"] == expected_problems
    scan_status, findings = single_process_scan(cli, pattern)
    assert scan_status == 2  # the bad line
    assert len(findings) == 3
    assert union_of_outputs(out_dir, "findings") == findings
    assert summary["findings"]["total"] == len(findings)
    assert sum(n for outcomes in summary["findings_by_kind"].values()
               for n in outcomes.values()) == len(findings)
    assert summary["findings"]["fail"] == sum(1 for f in findings if '"outcome":"fail"' in f) == 1
    assert expected_problems[0] in err
    # Results are never replaced without --force.
    status, _, err = archive_scan("--workers", "1", pattern, out_dir)
    assert status == 2 and "--force" in err


def test_a_worker_killed_mid_partition_is_retried_and_nothing_is_lost(cli, tmp_path):
    pattern, total_lines = corpus(tmp_path)
    out_dir = str(tmp_path / "out")
    marker = tmp_path / "marker"
    marker.mkdir()
    status, out, err = archive_scan("--workers", "2", pattern, out_dir,
                                    env={"CLAIMCHECK_ARCHIVE_KILL_ONCE": str(marker)})
    assert status == 2, err
    assert (marker / "killed").exists()  # a worker did die, with partition 0 half written
    _, expected, _ = single_process(cli, pattern)
    assert union_of_outputs(out_dir) == expected
    assert union_of_outputs(out_dir, "findings") == single_process_scan(cli, pattern)[1]
    assert not glob.glob(os.path.join(out_dir, ".*.tmp"))
    with open(os.path.join(out_dir, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    assert summary["complete"] is True
    assert summary["lines"] == total_lines
    assert summary["mentions"] == len(expected)
    # Partition 0 ran twice. Partitions that the dead worker had finished are
    # recomputed too (their results lived in its memory): each rewrites the
    # same file, and is counted once.
    retried = {r["partition"]: r["attempts"] for r in summary["retried_partitions"]}
    assert retried[0] == 2
    assert all(n >= 2 for n in retried.values())
    assert "%d partitions retried" % len(retried) in out
