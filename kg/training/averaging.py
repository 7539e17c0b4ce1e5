"""Weight averaging of a stanza training run's last checkpoints.

Stanza's tagger (Adam) and parser (AdaDelta) train at a near-constant learning rate, so the weights of
consecutive steps scatter around a good region; their average generalises better than any single step
(Izmailov et al. 2018, "Averaging Weights Leads to Wider Optima") at no cost at inference. Stanza keeps only
the best-on-dev checkpoint, so :func:`snapshots` wraps its trainer's ``update`` for the duration of one
training call to save one every ``every`` steps, and :func:`average` writes a stanza model file whose
weights are their mean.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)


@contextlib.contextmanager
def snapshots(trainer_cls: type, out_dir: Path, start: int, every: int) -> Iterator[list[Path]]:
    """While active, ``trainer_cls.update`` saves ``out_dir/snap_STEP.pt`` at steps start, start+every, ...

    Yields the list the snapshot paths are appended to. The class is restored on exit.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("snap_*.pt"):
        old.unlink()
    paths: list[Path] = []
    original = trainer_cls.update
    steps = 0

    def update(self, batch, eval=False):  # noqa: A002 - stanza's parameter name
        nonlocal steps
        result = original(self, batch, eval=eval)
        if not eval:
            steps += 1
            if steps >= start and (steps - start) % every == 0:
                path = out_dir / f"snap_{steps}.pt"
                self.save(str(path))
                paths.append(path)
        return result

    trainer_cls.update = update
    try:
        yield paths
    finally:
        trainer_cls.update = original


def average(paths: list[Path], out: Path) -> None:
    """Write ``out``: the last snapshot's file (vocab, config) with the mean of all snapshots' weights."""
    import torch

    if not paths:
        raise ValueError("no snapshots to average: did training stop before the averaging window?")
    base = torch.load(paths[-1], map_location="cpu", weights_only=False)
    total = {k: v.double() if v.is_floating_point() else v for k, v in base["model"].items()}
    for path in paths[:-1]:
        for k, v in torch.load(path, map_location="cpu", weights_only=False)["model"].items():
            if v.is_floating_point():
                total[k] += v.double()
    base["model"] = {k: (v / len(paths)).float() if v.is_floating_point() else v for k, v in total.items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(base, out, _use_new_zipfile_serialization=False)
    log.info("averaged %d snapshots (%s .. %s) -> %s", len(paths), paths[0].name, paths[-1].name, out)
