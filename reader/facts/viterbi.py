"""Viterbi decoding of a linear-chain CRF for all the sentences of an article at once.

One numpy step advances every sentence by one character, so the cost is the number of steps
(the longest sentence), not the number of characters. To halve that, a sentence longer than
half the longest is decoded from both ends at once: its first half forward, its second half
backward (the transposed chain), and the two meet in the middle. The arithmetic is CRFsuite's:
scores are summed in the same order from the same float64 weights and ties go to the lowest
label, so the labels are CRFsuite's (``benchmarks/check_tagger.py`` measures it: 100% of
news-dev and ner-dev). The meeting point adds the second half in another order, which could
only matter for two paths within a rounding error of each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast

import numpy as np
import numpy.typing as npt

Scores = npt.NDArray[np.float64]
Labels = npt.NDArray[np.intp]


def decode(emissions: Sequence[Scores], transitions: Scores) -> list[Labels]:
    """The best label sequence of every sentence: ``emissions[k]`` is sentence k's
    (length × labels) state scores, ``transitions[i, j]`` the score of label i then j."""
    lengths = [len(scores) for scores in emissions]
    out: list[Labels] = [np.zeros(0, dtype=np.intp) for _ in emissions]
    live = [k for k, n in enumerate(lengths) if n]
    if not live:
        return out
    labels = transitions.shape[0]
    half = (max(lengths) + 1) // 2
    # Lanes: (sentence, first position, length, backward?). A backward lane holds its
    # characters last first and runs on the transposed chain.
    lanes: list[tuple[int, int, int, bool]] = []
    for k in live:
        n = lengths[k]
        lanes.append((k, 0, min(n, half), False))
        if n > half:
            lanes.append((k, half, n - half, True))
    count = len(lanes)
    size = np.array([lane[2] for lane in lanes], dtype=np.intp)
    backward = np.array([lane[3] for lane in lanes], dtype=bool)

    steps = np.zeros((half, count, labels))
    for b, (k, first, n, reverse) in enumerate(lanes):
        part = emissions[k][first : first + n]
        steps[:n, b] = part[::-1] if reverse else part
    state = np.ascontiguousarray(steps.transpose(0, 2, 1))  # (step, label, lane)
    chains = np.empty((labels, labels, count))
    chains[:, :, ~backward] = transitions[:, :, None]
    chains[:, :, backward] = transitions.T[:, :, None]

    best = np.empty((half, labels, count))  # best[t, j, b]: best score of lane b at t with j
    best[0] = state[0]
    work = np.empty((labels, labels, count))
    spread = np.empty((labels, labels, count))
    # Views made once: the loop is the cost of decoding, one pass per character. (Copying the
    # scores across, then adding, costs less than numpy's broadcasting add; the reduction's
    # arguments are positional because keywords take a microsecond to parse.)
    widened = list(best[:, :, None, :])
    scores = list(best)
    states = list(state)
    add, copyto = np.add, np.copyto
    most = cast(Callable[..., None], np.maximum.reduce)
    for t in range(1, half):
        copyto(spread, widened[t - 1])
        add(spread, chains, work)
        most(work, 0, None, scores[t])
        add(scores[t], states[t], scores[t])

    lane_index = np.arange(count)
    final = best[size - 1, :, lane_index]  # (lane, label) at each lane's last step
    last = final.argmax(axis=1)
    forward_of = {lane[0]: b for b, lane in enumerate(lanes) if not lane[3]}
    for b in np.flatnonzero(backward).tolist():
        f = forward_of[lanes[b][0]]
        # The label pair at the meeting point: end of the first half, start of the second.
        meeting = final[f][:, None] + transitions + final[b][None, :]
        last[f], last[b] = divmod(int(meeting.argmax()), labels)

    path = np.zeros((half, count), dtype=np.intp)
    path[size - 1, lane_index] = last
    # Tracing back: the label before j is the first i with the best best[t, i] + chain[i, j].
    # columns[d * labels + j] is column j of lane direction d's chain (0 forward, 1 backward).
    columns = np.concatenate([transitions.T, transitions])
    shift = backward.astype(np.intp) * labels
    by_step = list(np.ascontiguousarray(best.transpose(0, 2, 1)))  # (lane, label) per step
    inside = list(np.arange(half)[:, None] < (size - 1)[None, :])  # lanes before their end
    paths = list(path)
    take = columns.take
    keep = cast(Callable[..., None], np.copyto)
    for t in range(half - 2, -1, -1):
        chosen = add(by_step[t], take(add(paths[t + 1], shift), 0)).argmax(1)
        keep(paths[t], chosen, "same_kind", inside[t])

    for b, (k, _, n, reverse) in enumerate(lanes):
        traced = path[:n, b]
        if reverse:
            out[k] = np.concatenate([out[k], traced[::-1]])
        else:
            out[k] = traced.copy()
    return out


def decode_one(emissions: Scores, transitions: Scores) -> Labels:
    """The textbook recursion, one sentence, exactly CRFsuite's loop: the reference the
    batched decoder is tested against."""
    length, labels = emissions.shape
    if not length:
        return np.zeros(0, dtype=np.intp)
    score = emissions[0].copy()
    back = np.zeros((length, labels), dtype=np.intp)
    for t in range(1, length):
        candidates = score[:, None] + transitions
        back[t] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + emissions[t]
    path = np.zeros(length, dtype=np.intp)
    path[-1] = int(score.argmax())
    for t in range(length - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path
