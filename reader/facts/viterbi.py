"""Viterbi decoding of a linear-chain CRF for all the sentences of an article at once.

One numpy step advances every sentence by one character, so the cost is the number of steps
(the longest sentence), not the number of characters. To halve that, a sentence longer than
half the longest is decoded from both ends at once: its first half forward, its second half
backward (the transposed chain), and the two meet in the middle. The pieces of each direction
are packed into lanes of that many steps, one after another (a piece that follows another starts
afresh, and is traced back from its own last label): a step's cost grows with its lanes. The
arithmetic is CRFsuite's: scores are summed in the same order from the same float64 weights and
ties go to the lowest label, so the labels are CRFsuite's (``benchmarks/check_tagger.py``
measures it: 100% of news-dev and ner-dev). The meeting point adds the second half in another
order, which could only matter for two paths within a rounding error of each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
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
    bounds = [(a, b) for a, b in pairwise([0, *np.asarray(ends).tolist()]) if b > a]
    half = (max(b - a for a, b in bounds) + 1) // 2
    # Pieces: every sentence forward over its first half (all of it when short), then the
    # long ones backward over the rest, their characters last first, on the transposed chain.
    # A piece is its length and the first character it reads; pieces [short, forward) are the
    # long sentences' first halves, [forward, ...) their second halves in the same order.
    short = [(a, b) for a, b in bounds if b - a <= half]
    long = [(a, b) for a, b in bounds if b - a > half]
    sizes = [b - a for a, b in short] + [half] * len(long) + [b - a - half for a, b in long]
    firsts = [a for a, _ in short] + [a for a, _ in long] + [b - 1 for _, b in long]
    forward = len(short) + len(long)
    pieces = len(sizes)
    # Lanes: each direction's pieces packed one after another into lanes of ``half`` steps
    # (first fit, longest first): fewer lanes for the same steps. A piece after another in its
    # lane starts afresh (its first step adds no transition) and is traced back from its own
    # last label (the trace steps from the next piece's first label to it add nothing either).
    lanes = [[piece] for piece in range(len(short), forward)]  # a first half fills its lane
    lanes += _pack(sizes, 0, len(short), half)
    forward_lanes = len(lanes)
    lanes += _pack(sizes, forward, pieces, half)
    count = len(lanes)
    # The characters the lanes read, one lane after another: runs of cells, a piece's (its
    # characters: ``first`` + ``step`` * the cell's number over all lanes) and then the lane's
    # empty steps (``total``: no character; the trace through them ends at the kept row of the
    # lane's last piece, and their labels go nowhere).
    run_first: list[int] = []
    run_step: list[int] = []
    run_size: list[int] = []
    lane_of = [0] * pieces
    end_of = [0] * pieces  # the step of its last character
    restart_steps: list[int] = []  # where a piece starts after another, and in which lane
    restart_lanes: list[int] = []
    cell = 0
    for lane, held in enumerate(lanes):
        step = 0
        for piece in held:
            size = sizes[piece]
            way = 1 if piece < forward else -1
            if step:
                restart_steps.append(step)
                restart_lanes.append(lane)
            run_first.append(firsts[piece] - way * cell)
            run_step.append(way)
            run_size.append(size)
            lane_of[piece] = lane
            step += size
            end_of[piece] = step - 1
            cell += size
        if step < half:
            run_first.append(total)
            run_step.append(0)
            run_size.append(half - step)
            cell += half - step
    first_read, stride = np.array([run_first, run_step]).repeat(run_size, axis=1)
    where = (first_read + np.arange(cell) * stride).reshape(count, half)
    # best[t, j, b]: the best score of lane b at step t with label j; its state scores first.
    best = scores.take(where.T, axis=0, mode="clip").transpose(0, 2, 1).copy()
    both_ways, rows = _chain_tables(transitions)
    chains = both_ways.repeat((forward_lanes, count - forward_lanes), axis=2)
    # keep[t - 1]: at step t, the lanes that go on (False where a piece starts), or None.
    keep: list[npt.NDArray[np.bool_] | None] = [None] * (half - 1)
    if restart_steps:
        # All lanes but lane b: a view of one pattern, False at ``count`` only.
        pattern = np.ones(2 * count, dtype=np.bool_)
        pattern[count] = False
        for step, lane in zip(restart_steps, restart_lanes, strict=True):
            row = pattern[count - lane : 2 * count - lane]
            other = keep[step - 1]  # another lane's piece starts at the same step
            keep[step - 1] = row if other is None else row & other

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
    for (before, now), going_on in zip(pairwise(best[:, :, None, :]), keep, strict=True):
        add(before, chains, work)
        most(candidates, 0, None, reached_flat)
        if going_on is None:
            add(reached, now, now)
        else:  # a new piece keeps its state scores
            add(reached, now, now, where=going_on)

    piece_lane = np.array(lane_of)
    piece_end = np.array(end_of)
    final = best[piece_end, :, piece_lane]  # (piece, label) at each piece's last step
    last = final.argmax(axis=1)
    if long:
        # The label pair at the meeting point: end of the first half, start of the second.
        meeting = final[len(short) : forward, :, None] + transitions + final[forward:, None, :]
        pairs = meeting.reshape(len(long), -1).argmax(axis=1)
        np.divmod(pairs, labels, out=(last[len(short) : forward], last[forward:]))

    # Tracing back: the label before j is the first i with the best best[t, i] + chain[i, j].
    # A label is traced as its row in a table of both directions' chain columns: row
    # d * labels + j is column j of direction d's chain (0 forward, 1 backward), spread over
    # that direction's half of 2 * labels places, -inf in the other half. Each lane's best
    # scores sit in both halves, so the first best place is the row of the label before, in
    # the lane's own half, with no shift to add. At a piece's last step its scores are -inf
    # but at its last label (in both halves), which the trace then takes whatever comes after.
    wide = 2 * labels
    trace = np.empty((half, count, 2, labels))
    trace[...] = best.transpose(0, 2, 1)[:, :, None, :]
    trace_rows = trace.reshape(half, count, wide)
    trace_rows[piece_end, piece_lane] = _kept_rows(labels).take(last, 0)
    # The trace starts past the last step from any label of each lane's own half.
    path = np.empty((half + 1, count), dtype=np.intp)
    shift = path[half]
    shift[:forward_lanes] = 0
    shift[forward_lanes:] = labels
    take = rows.take
    work_rows = np.empty((count, wide))
    for scores_then, (after, then) in zip(trace_rows[::-1], pairwise(path[::-1]), strict=True):
        add(scores_then, take(after, 0), work_rows).argmax(1, then)
    labelled = path[:half]
    labelled -= shift

    out = np.empty(total + 1, dtype=np.intp)
    out[where] = labelled.T
    return out[:total]


# The chain tables of the last few transition matrices (a model's, made once): the matrix itself
# is kept with them, so that its id stands for it while they are kept.
_chains: dict[int, tuple[Scores, Scores, Scores]] = {}


def _chain_tables(transitions: Scores) -> tuple[Scores, Scores]:
    """The chains of both directions side by side (labels × labels × 2: ``transitions`` and
    its transpose), and the trace's table of both directions' chain columns (see
    ``decode_all``)."""
    known = _chains.get(id(transitions))
    if known is not None and known[0] is transitions:
        return known[1], known[2]
    labels = len(transitions)
    both_ways = np.stack([transitions, transitions.T], axis=2)
    wide = 2 * labels
    rows = np.full((wide, wide), -np.inf)
    rows[:labels, :labels] = transitions.T
    rows[labels:, labels:] = transitions
    if len(_chains) >= 8:  # a model or two in a process: any more are made again
        _chains.clear()
    _chains[id(transitions)] = (transitions, both_ways, rows)
    return both_ways, rows


@cache
def _kept_rows(labels: int) -> Scores:
    """Row j: -inf but at j in both halves of 2 * ``labels`` places (a trace that must give j)."""
    kept = np.full((labels, 2, labels), -np.inf)
    kept[np.arange(labels), :, np.arange(labels)] = 0.0
    return kept.reshape(labels, 2 * labels)


def _pack(sizes: list[int], first: int, stop: int, capacity: int) -> list[list[int]]:
    """Pieces ``first`` to ``stop`` of ``sizes`` in lanes of ``capacity`` steps, first fit
    longest first: the pieces each lane holds, in order."""
    lanes: list[list[int]] = []
    rooms: list[int] = []
    for piece in sorted(range(first, stop), key=sizes.__getitem__, reverse=True):
        size = sizes[piece]
        for lane, room in enumerate(rooms):
            if room >= size:
                lanes[lane].append(piece)
                rooms[lane] = room - size
                break
        else:
            lanes.append([piece])
            rooms.append(capacity - size)
    return lanes


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
