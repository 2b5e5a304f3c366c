"""Text helpers below the store and search: folding for matching (``fold``)."""
