"""Placeholder replaced by the module's owner in this session."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    _ = (subparsers, argparse)
