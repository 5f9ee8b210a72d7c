"""Turning files into articles: decoding, front matter, title/date/source detection."""

from reader.documents.model import Document, Problem, UnreadableFile
from reader.documents.parse import SUFFIXES, load_document, parse_document

__all__ = ["SUFFIXES", "Document", "Problem", "UnreadableFile", "load_document", "parse_document"]
