"""The team server: server cases' work spread over worker processes (``jobs``)."""
