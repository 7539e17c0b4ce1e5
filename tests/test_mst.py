"""kg.mst: the fast single-root tree decoder returns exactly stanza's tree (real-score check: test_nlp.py)."""

from __future__ import annotations

import numpy as np
import pytest
from stanza.models.common.chuliu_edmonds import chuliu_edmonds, chuliu_edmonds_one_root

from kg.mst import _is_single_root_tree, one_root_tree


@pytest.mark.parametrize(
    ("heads", "expected"),
    [
        ([0, 0, 1, 2], True),  # chain 3 -> 2 -> 1 -> root
        ([0, 2, 0, 2, 2], True),
        ([0, 0, 0], False),  # two roots
        ([0, 0, 3, 2], False),  # 2 <-> 3 cycle
        ([0, 3, 1, 2], False),  # no root at all, one big cycle
        ([0, 0], True),
    ],
)
def test_is_single_root_tree(heads, expected):
    assert _is_single_root_tree(np.array(heads)) is expected


def _kind(scores: np.ndarray) -> str:
    """Which path of one_root_tree a matrix exercises."""
    s = scores.astype(np.float64)
    np.fill_diagonal(s, -np.inf)
    s[0] = -np.inf
    s[0, 0] = 0
    if _is_single_root_tree(np.argmax(s, axis=1)):
        return "greedy"
    return "unconstrained" if np.count_nonzero(chuliu_edmonds(s.copy())[1:] == 0) == 1 else "reweighted"


def _log_softmax(x: np.ndarray) -> np.ndarray:
    """Rows as the parser emits them (log-probabilities; stanza's reweighting relies on scores < 0)."""
    x = x - x.max(axis=1, keepdims=True)
    return (x - np.log(np.exp(x).sum(axis=1, keepdims=True))).astype(np.float32)


def _matrices(rng: np.random.Generator):
    for _ in range(250):
        n = int(rng.integers(2, 45))
        noise = rng.normal(size=(n, n)).astype(np.float32)
        yield _log_softmax(noise)  # mostly cyclic or many-rooted
        gold = np.concatenate([[0], [rng.integers(0, d) for d in range(1, n)]])  # a random projective-ish tree
        peaked = noise.copy()
        peaked[np.arange(n), gold] += rng.uniform(0.5, 4.0)  # parser-like: the gold head usually wins
        yield _log_softmax(peaked)


def test_same_tree_as_stanza_on_every_path():
    kinds = {"greedy": 0, "unconstrained": 0, "reweighted": 0}
    for scores in _matrices(np.random.default_rng(7)):
        before = scores.copy()
        ours = one_root_tree(scores)
        assert np.array_equal(scores, before), "input must not be modified"
        assert np.array_equal(ours, chuliu_edmonds_one_root(scores))
        assert _is_single_root_tree(ours)
        kinds[_kind(scores)] += 1
    assert all(count >= 20 for count in kinds.values()), kinds
