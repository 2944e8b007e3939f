"""The reference workload of the benchmarks (scripts/bench_reference.py) is fixed: its result never changes."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from bench_reference import REFERENCE_CHECKSUM, reference_ms, reference_workload  # noqa: E402


def test_reference_workload_is_deterministic_and_fixed():
    # The checksum recorded in the script: an edit of the workload (which would break every recorded ratio) fails here.
    assert reference_workload() == reference_workload() == REFERENCE_CHECKSUM


def test_reference_ms_is_a_positive_time():
    assert reference_ms(1) > 0
