"""Scores shared by the quality gates and the benchmarks (B-cubed for clusterings, pair P/R)."""

from __future__ import annotations

from collections.abc import Mapping


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster id) against gold clusters."""
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(predicted[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_pred[predicted[i]]) for i in items) / len(items)
    r = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pair_scores(predicted: set[frozenset[str]], gold: set[frozenset[str]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted pairs against gold pairs."""
    right = len(predicted & gold)
    p = right / len(predicted) if predicted else 1.0
    r = right / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
