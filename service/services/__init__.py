"""Use cases: domain + storage. Services flush; the caller (handler, CLI) commits."""
