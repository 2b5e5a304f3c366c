"""Scoring against gold sets and ground truths, for bench/ and the tests: kept out of the
product, which never scores itself."""
