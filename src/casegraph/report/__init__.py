"""The report: a case's top findings with their passages and pictures, as HTML or PDF."""

from .html import write_report

__all__ = ["write_report"]
