"""casegraph: turn a trove of documents into sourced findings."""

__version__ = "0.1.0"
