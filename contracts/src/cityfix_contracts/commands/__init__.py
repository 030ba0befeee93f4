"""Typed commands and queries, one module per service."""
