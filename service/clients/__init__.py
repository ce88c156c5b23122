"""Outbound HTTP adapters: timeouts, size caps, address checks and error mapping."""
