"""Export the trained CRFsuite model into the arrays the app tags with (``ner.npz``).

    python training/export_ner.py [--model training/ner.crfsuite] [--out reader/facts/models/ner.npz]

CRFsuite trains the tagger (``train_ner.py`` calls this at its end); the app does not load
CRFsuite. This script reads the model file itself — the weights as the float64 values CRFsuite
sums (``Tagger.info()`` prints them rounded to six decimals), the label and attribute names from
its string databases — and writes, per attribute family of ``reader.facts.crf_features``, the
attribute values with the row of the weight matrix each one selects. The output is a pure
function of the model file: exporting twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.facts.crf_features import TEMPLATES, char_class, fold  # noqa: E402
from reader.facts.crf_model import (  # noqa: E402
    ARRAYS_PATH,
    BMP,
    CHAR_TEMPLATES,
    CLASS_CODES,
    TEXT_TEMPLATES,
    pack_strings,
    pair_key,
)

MODEL_PATH = Path(__file__).resolve().parent / "ner.crfsuite"
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def _strings(chunk: bytes, count: int) -> list[str]:
    """The id-ordered keys of a CQDB string database (CRFsuite's label and attribute names)."""
    magic, _size, _flag, order, _bwd_size, bwd_offset = struct.unpack_from("<4sIIIII", chunk)
    if magic != b"CQDB" or order != 0x62445371:
        raise ValueError("not a CQDB chunk")
    offsets = struct.unpack_from(f"<{count}I", chunk, bwd_offset)
    out = []
    for offset in offsets:
        _id, size = struct.unpack_from("<II", chunk, offset)
        out.append(chunk[offset + 8 : offset + 8 + size - 1].decode("utf-8"))
    return out


def read_model(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    """(labels, attributes, features) of a CRFsuite 1d model file."""
    data = path.read_bytes()
    header = _HEADER.unpack_from(data)
    magic, _, kind, _, _, labels, attrs, off_features, off_labels, off_attrs = header[:10]
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite 1d model")
    chunk, _, count = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: no feature chunk")
    features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
    return (
        _strings(data[off_labels:], labels),
        _strings(data[off_attrs:], attrs),
        features,
    )


def export(model: Path) -> dict[str, np.ndarray]:
    labels, attributes, features = read_model(model)
    state = features[features["type"] == 0]
    edges = features[features["type"] == 1]
    transitions = np.zeros((len(labels), len(labels)))
    transitions[edges["src"], edges["dst"]] = edges["weight"]
    arrays: dict[str, np.ndarray] = {
        "labels": np.array(labels),
        "transitions": transitions,
        "weight_rows": state["src"].astype(np.int32),
        "weight_labels": state["dst"].astype(np.int8),
        "weights": state["weight"].astype(np.float64),
        "attributes": np.array(len(attributes), dtype=np.int32),
    }
    by_template: dict[str, list[tuple[str, int]]] = {name: [] for name in TEMPLATES}
    for row, attribute in enumerate(attributes):
        name, _, value = attribute.partition("=")
        by_template[name].append((value, row))
    for name in CHAR_TEMPLATES:
        pairs = sorted((ord(value), row) for value, row in by_template[name])
        arrays[f"{name}_keys"] = np.array([k for k, _ in pairs], dtype=np.int64)
        arrays[f"{name}_rows"] = np.array([r for _, r in pairs], dtype=np.int32)
    pairs: dict[int, list[int]] = {}
    for column, name in enumerate(("lc", "cr")):
        for value, row in by_template[name]:
            pairs.setdefault(pair_key(ord(value[0]), ord(value[1])), [-1, -1])[column] = row
    keys = sorted(pairs)
    arrays["pair_keys"] = np.array(keys, dtype=np.int64)
    arrays["pair_lc"] = np.array([pairs[key][0] for key in keys], dtype=np.int32)
    arrays["pair_cr"] = np.array([pairs[key][1] for key in keys], dtype=np.int32)
    # What the features make of every character of the BMP, computed as crf_features does.
    everything = [chr(code) for code in range(BMP)]
    arrays["fold"] = np.array([ord(fold(ch)) for ch in everything], dtype=np.uint16)
    arrays["classes"] = np.array([CLASS_CODES[char_class(ch)] for ch in everything], dtype=np.uint8)
    pairs = sorted(
        ((CLASS_CODES[value[0]] * 12 + CLASS_CODES[value[1]]) * 12 + CLASS_CODES[value[2]], row)
        for value, row in by_template["k"]
    )
    arrays["k_keys"] = np.array([k for k, _ in pairs], dtype=np.int64)
    arrays["k_rows"] = np.array([r for _, r in pairs], dtype=np.int32)
    for name in TEXT_TEMPLATES:
        ordered = sorted(by_template[name])
        arrays[f"{name}_values"] = pack_strings([value for value, _ in ordered])
        arrays[f"{name}_rows"] = np.array([row for _, row in ordered], dtype=np.int32)
    return arrays


def write(arrays: dict[str, np.ndarray], out: Path) -> None:
    """An .npz numpy loads, written entry by entry in a fixed order with fixed timestamps,
    uncompressed (2 MB instead of 1: it loads in a few milliseconds, not tens)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.save(member, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, member.getvalue())
    out.write_bytes(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--out", type=Path, default=ARRAYS_PATH)
    args = parser.parse_args()
    write(export(args.model), args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"{args.out}: {args.out.stat().st_size} bytes, sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
