"""Enrichment on top of a language backend: mention repair, in-article name chains, cross-article entities."""
