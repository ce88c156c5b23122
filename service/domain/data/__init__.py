"""Shipped data files of the domain: the knowledge base and the common-word list."""
