"""``duiding train-ner``: rebuild the Dutch NER model files from CoNLL-2002 (the data is never shipped)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConfigError
from ..nlp.ner import MODELS


@click.command("train-ner")
@click.argument("data", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/data/conll2002_nl"))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=MODELS,
              show_default=True, help="Folder for ner-nl-head.npz, ner-nl.crfsuite and the training report.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to keep the encoder's word vectors in (.npy), so a second run skips the slow part.")
def train_ner(data: Path, out_dir: Path, cache: Path | None) -> None:
    """Train the Dutch NER (classifier + CRF on e5 vectors) from DATA (ned.train; ned.testa is scored).

    CoNLL-2002 is licensed for research use only; the model trained here carries that restriction.
    """
    if not (data / "ned.train").is_file() or not (data / "ned.testa").is_file():
        raise ConfigError(f"{data} must hold CoNLL-2002's ned.train and ned.testa")
    from ..nlp.ner_train import train

    report = train(data, out_dir, cache, log=lambda m: click.echo(m, err=True))
    for name in ("testa_head_only", "testa_crf"):
        scores = report[name]
        click.echo(f"{name:16} " + "  ".join(f"{k} {v:.3f}" for k, v in scores.items()))


COMMANDS = [train_ner]
