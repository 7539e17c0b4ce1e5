"""CI proof that ``kg models train --quick`` still trains every component and the result loads in stanza."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.exists(), reason=f"shared data folder {SHARED} is absent")
def test_quick_training_loads_in_stanza(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "models"
    # A real subprocess, exactly as a user runs it (stanza's scripts parse sys.argv and log to the console).
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "models", "train", "--quick",
           "--data", str(SHARED / "data"), "--work", str(tmp_path / "work"), "--out", str(out), "--threads", "1"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    names = ("tokenize.pt", "pos.pt", "lemma.pt", "depparse.pt", "ner.pt", "pretrain.pt", "resources.json")
    for name in names:
        assert (out / name).exists(), name

    # Weight averaging and the two-phase parser (Config.make(quick=True) switches both on).
    import torch

    models = tmp_path / "work" / "quick" / "saved_models"  # --quick trains in WORK/quick
    snaps = sorted((models / "pos" / "snapshots").glob("snap_*.pt"), key=lambda p: int(p.stem[5:]))
    assert [p.name for p in snaps] == ["snap_10.pt", "snap_15.pt", "snap_20.pt"]
    assert (models / "depparse" / "parser_phase1.pt").exists()
    assert len(list((models / "depparse" / "snapshots").glob("snap_*.pt"))) == 2
    shipped = torch.load(models / "pos" / "id_gsd_tagger.pt", weights_only=False)["model"]
    weights = [torch.load(p, weights_only=False)["model"] for p in snaps]
    key = next(k for k, v in shipped.items() if v.is_floating_point() and v.dim() == 2)
    assert not torch.equal(weights[0][key], weights[-1][key])  # the snapshots differ ...
    assert torch.allclose(shipped[key], sum(w[key] for w in weights) / 3, atol=1e-6)  # ... and their mean ships

    from kg.nlp import load_pipeline

    nlp = load_pipeline(model_dir=out)
    doc = nlp("Presiden Joko Widodo bertemu dengan Perdana Menteri Jepang di Tokyo.")
    words = [w for s in doc.sentences for w in s.words]
    assert words and all(w.upos and w.deprel and w.lemma is not None for w in words)
    assert all(t.ner for s in doc.sentences for t in s.tokens)
