# SPDX-License-Identifier: MIT
# Shared by the tests of the Python module and of scripts/archive-scan. CTest
# sets PYTHONPATH to the module's folder and names the command and the
# source tree; run by hand, the defaults below point into build/release.
import os
import subprocess
import sys

import pytest

SOURCE_DIR = os.environ.get(
    "CLAIMCHECK_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
BINARY = os.environ.get(
    "CLAIMCHECK_BINARY", os.path.join(SOURCE_DIR, "build", "release", "tools", "claimcheck"))


@pytest.fixture(scope="session")
def cli():
    """Runs the claimcheck command; returns (exit status, stdout, stderr)."""
    def run(*args, input=None):
        p = subprocess.run([BINARY, *args], input=input, capture_output=True)
        return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    return run


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


def make_archive(folder, shards, size_mb, seed=7):
    """A sharded corpus of JSON Lines articles (scripts/gen-articles). Returns the shard paths
    and the number of lines written."""
    out = subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "scripts", "gen-articles"),
                          str(size_mb), str(shards), folder, "--seed", str(seed)],
                         check=True, capture_output=True, text=True).stdout
    paths = [os.path.join(folder, "shard-%02d.jsonl" % s) for s in range(shards)]
    return paths, int(out)
