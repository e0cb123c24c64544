"""The tamper and forgery suite at CI size (bench/tamper.py; `python bench/tamper.py --long` runs
the big one): every class of attack on an exported or stored chain is detected and named at its
height, none is accepted, and each bad file is refused with its own reason."""

from __future__ import annotations

import pytest

from bench import tamper

SEED = 20261130  # the random sample's; a failure replays from it


@pytest.fixture(scope="module")
def suite():
    return tamper.run("ci", seed=SEED, workers=2, log=lambda line: None)


def test_every_class_of_attack_is_detected_and_named_at_its_height(suite):
    tallies, _ = suite
    assert len(tallies) == 12
    for tally in tallies:
        assert tally.tried > 0, tally.name
        assert tally.accepted == 0, (tally.name, tally.misses)
        assert tally.detected == tally.right == tally.tried, (tally.name, tally.misses)


def test_every_byte_of_the_small_chain_was_tried(suite):
    tallies, _ = suite
    by_name = {tally.name: tally for tally in tallies}
    chain = tamper.small_chain()
    assert by_name["export, every byte of a small chain"].tried == len(tamper.export_bytes(chain.genesis, chain.blocks))
    assert by_name["stored blocks (LMDB), every byte of a small chain"].tried == sum(len(raw) for raw in chain.blocks)


def test_each_bad_file_is_refused_with_its_own_reason(suite):
    _, verdicts = suite
    assert len({reason for _, reason, _ in verdicts}) >= 6
    for name, reason, result in verdicts:
        assert not result.ok, name
        assert result.reason == reason, (name, result.reason, result.problem)
        assert result.problem, name
