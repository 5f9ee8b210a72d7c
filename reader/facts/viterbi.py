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
from itertools import pairwise
from typing import cast

import numpy as np
import numpy.typing as npt

Scores = npt.NDArray[np.float64]
Labels = npt.NDArray[np.intp]
_MOST = cast(Callable[..., None], np.maximum.reduce)  # typed once: a cast costs at every call


def decode(emissions: Sequence[Scores], transitions: Scores) -> list[Labels]:
    """The best label sequence of every sentence: ``emissions[k]`` is sentence k's
    (length × labels) state scores, ``transitions[i, j]`` the score of label i then j."""
    if not emissions:
        return []
    ends = np.cumsum([len(scores) for scores in emissions])
    labels = decode_all(np.concatenate(emissions), ends, transitions)
    return np.split(labels, ends[:-1])


def decode_all(scores: Scores, ends: Labels, transitions: Scores) -> Labels:
    """``decode`` of sentences given one after another: ``scores`` holds the state scores of
    all their characters, ``ends[k]`` is where sentence k's end (ascending, the last one
    ``len(scores)``). The labels of all the characters, in the same order."""
    total, labels = scores.shape
    if not total:
        return np.zeros(0, dtype=np.intp)
    ends = np.asarray(ends, dtype=np.intp)
    lengths = ends.copy()
    lengths[1:] -= ends[:-1]
    half = (int(lengths.max()) + 1) // 2
    # Lanes: every sentence forward over its first half (all of it when short), then the
    # long ones backward over the rest, their characters last first, on the transposed chain.
    live = lengths.nonzero()[0]
    long = (lengths > half).nonzero()[0]
    forward = len(live)
    count = forward + len(long)
    size = np.concatenate([np.minimum(lengths[live], half), lengths[long] - half])
    backward = np.arange(count) >= forward
    # where[t, b]: the character lane b reads at step t (``total``, no character, past its
    # end: what it reads there is never traced); the same table puts the labels back in
    # place at the end.
    steps = np.arange(half)[:, None]
    where = np.concatenate([(ends - lengths)[live] + steps, ends[long] - 1 - steps], 1)
    where[steps >= size] = total
    # best[t, j, b]: the best score of lane b at step t with label j; its state scores first.
    best = scores.take(where, axis=0, mode="clip").transpose(0, 2, 1).copy()
    chains = np.empty((labels, labels, count))
    chains[:, :, :forward] = transitions[:, :, None]
    chains[:, :, forward:] = transitions.T[:, :, None]

    work = np.empty((labels, labels, count))
    reached = np.empty((labels, 1, count))
    # The maximum over i as a reduction of a 2-d array: 10% faster than of its 3-d form.
    candidates, reached_flat = work.reshape(labels, -1), reached.reshape(-1)
    # The loop is the cost of decoding, one pass per character: three numpy calls, on views
    # made as it goes. (The reduction's arguments are positional because keywords take a
    # microsecond to parse.)
    add = np.add
    most = _MOST
    # (Each step's scores seen as labels × 1 × lanes: the same view is a step's result and
    # the next step's operand, broadcast over j.)
    for before, now in pairwise(best[:, :, None, :]):
        add(before, chains, work)
        most(candidates, 0, None, reached_flat)
        add(reached, now, now)

    lane_index = np.arange(count)
    final = best[size - 1, :, lane_index]  # (lane, label) at each lane's last step
    last = final.argmax(axis=1)
    if len(long):
        # The label pair at the meeting point: end of the first half, start of the second.
        first_half = np.searchsorted(live, long)
        meeting = final[first_half][:, :, None] + transitions + final[forward:][:, None, :]
        pairs = meeting.reshape(len(long), -1).argmax(axis=1)
        last[first_half], last[forward:] = np.divmod(pairs, labels)

    # Tracing back: the label before j is the first i with the best best[t, i] + chain[i, j].
    # A label is traced as its row in a table of both directions' chain columns: row
    # d * labels + j is column j of direction d's chain (0 forward, 1 backward), spread over
    # that direction's half of 2 * labels places, the other half zero. Each lane's best
    # scores sit in its direction's half, -inf in the other, so the first best place is the
    # row of the label before, with no shift to add. From its last step on, a lane's scores
    # are -inf but at its last label's row, which the trace then keeps: no mask either.
    wide = 2 * labels
    rows = np.zeros((wide, wide))
    rows[:labels, :labels] = transitions.T
    rows[labels:, labels:] = transitions
    shift = backward * labels
    last += shift
    trace = np.full((half, count, wide), -np.inf)
    trace[:, :forward, :labels] = best[:, :, :forward].transpose(0, 2, 1)
    trace[:, forward:, labels:] = best[:, :, forward:].transpose(0, 2, 1)
    kept = np.full((count, wide), -np.inf)
    kept[lane_index, last] = 0.0
    step_of, lane_of = (steps >= size - 1).nonzero()  # a lane's last step and those after
    trace[step_of, lane_of] = kept[lane_of]
    path = np.empty((half, count), dtype=np.intp)
    path[-1] = last
    take = rows.take
    work_rows = np.empty((count, wide))
    for scores_then, (after, then) in zip(trace[-2::-1], pairwise(path[::-1]), strict=True):
        add(scores_then, take(after, 0), work_rows).argmax(1, then)
    path -= shift

    out = np.empty(total + 1, dtype=np.intp)
    out[where] = path
    return out[:total]


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
