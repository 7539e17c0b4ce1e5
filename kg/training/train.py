"""Drive stanza's own data preparation scripts and trainers for the Indonesian models.

Why this shape: stanza's ``run_*`` entry points find data through environment variables
(``stanza/utils/default_paths.py``) and try to download default word vectors / charlms unless told
otherwise, so every call below passes ``--no_charlm`` and our ``--wordvec_pretrain_file``. All scratch
output goes to a work dir outside the repository; :func:`ship` copies shrunk (fp16) copies into
``kg/models/id``.

Stages (each idempotent, skipped when its model file exists): vectors, tokenize, pos, depparse, lemma, ner.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.training import averaging, ner_data
from kg.training.vectors import train_vectors

log = logging.getLogger(__name__)

SHORT = "id_gsd"  # tokenizer / POS / depparse: trained and scored on UD_Indonesian-GSD r2.1
LEMMA_SHORT = "id_kglem"  # lemma: CSUI train + current GSD dev, scored on current GSD test
NER_SHORT = "id_kgner"

STAGES = ("vectors", "tokenize", "pos", "depparse", "lemma", "ner")


@dataclass
class Config:
    """Training sizes. ``quick`` gives tiny models that prove the path works in a few minutes."""

    quick: bool = False
    threads: int = 1
    vec_dim: int = 100
    vec_max_vocab: int = 40000
    vec_epochs: int = 10
    tok_steps: int = 1000
    # char LSTM 200 (was 100): dev UPOS barely moves (0.43 % of dev tokens lack a word vector: dev text is in
    # the vectors' training text) but r2.1 test (10.33 % lack one) gains 0.4 UPOS and 0.5 LAS (MODEL_CARD.md)
    pos_steps: int = 1600
    pos_args: list[str] = field(
        default_factory=lambda: [
            "--char_hidden_dim", "200", "--hidden_dim", "200", "--deep_biaff_hidden_dim", "200",
            "--word_emb_dim", "75", "--batch_size", "100",
        ]
    )
    # Depparse: 3,000 steps, then 2,500 more from the last weights with a fresh optimiser, keeping the best on
    # dev (gold-tag dev LAS 79.11 at the old 2,300-step run's best -> 80.95; MODEL_CARD.md, session 5).
    dep_steps: int = 3000
    dep_args: list[str] = field(
        default_factory=lambda: [
            "--char_hidden_dim", "100", "--hidden_dim", "200", "--deep_biaff_hidden_dim", "200",
            "--num_layers", "2", "--word_emb_dim", "50", "--batch_size", "1500",
        ]
    )
    dep_gold_tags: bool = True
    dep_more_steps: int = 2500  # phase two of depparse (see stage_depparse); 0 = one phase
    # Weight averaging (kg.training.averaging): (first step, interval) of the snapshots whose mean is shipped
    # instead of the best-on-dev checkpoint; None keeps stanza's best checkpoint. POS: mean of steps
    # 1,000-1,600 (dev UPOS 93.12; the best single checkpoint 93.05). Depparse: the average of phase two's
    # last 1,000 steps tied with its best checkpoint on dev (76.15 vs 76.19 LAS), so the checkpoint ships.
    pos_average: tuple[int, int] | None = (1000, 100)
    dep_average: tuple[int, int] | None = None
    lemma_epochs: int = 8
    lemma_args: list[str] = field(default_factory=list)
    ner_steps: int = 2000
    ner_sources: tuple[str, ...] = ner_data.DEFAULT_SOURCES
    ner_more_steps: int = 1500
    ner_title_countries: bool = True
    ner_args: list[str] = field(default_factory=list)
    # Phase two (``ner_more_steps``) trains on idner-news-2k only (None = phase one's data), so the final
    # model adopts its conventions (adjectival country names O, generic heads like "kota Bandung" inside);
    # no title-country relabelling there: kg_title_loc makes "Presiden Rusia" LOC at inference.
    # Seed 2 was the best of three phase-two seeds on idner dev (1234, 2, 3: shipped F1 87.89, 88.28, 87.50).
    ner_more_sources: tuple[str, ...] | None = ("idner",)
    ner_more_title_countries: bool = False
    ner_more_args: list[str] = field(default_factory=lambda: ["--seed", "2"])

    @classmethod
    def make(cls, quick: bool) -> Config:
        if not quick:
            return cls()
        return cls(
            quick=True, vec_dim=16, vec_max_vocab=3000, vec_epochs=1, tok_steps=60, pos_steps=20,
            pos_args=["--char_hidden_dim", "16", "--hidden_dim", "16", "--deep_biaff_hidden_dim", "16",
                      "--composite_deep_biaff_hidden_dim", "16", "--word_emb_dim", "8", "--tag_emb_dim", "8",
                      "--transformed_dim", "16", "--batch_size", "20", "--num_layers", "1",
                      "--eval_interval", "20"],
            dep_steps=20,
            dep_args=["--char_hidden_dim", "16", "--hidden_dim", "16", "--deep_biaff_hidden_dim", "16",
                      "--word_emb_dim", "8", "--tag_emb_dim", "8", "--transformed_dim", "16",
                      "--num_layers", "1", "--batch_size", "500", "--eval_interval", "20"],
            dep_gold_tags=True, dep_more_steps=10, dep_average=(5, 5), pos_average=(10, 5),
            lemma_epochs=1, ner_steps=20,
            lemma_args=["--hidden_dim", "32", "--batch_size", "100"],
            ner_sources=("idner",), ner_more_steps=0,
            ner_args=["--hidden_dim", "16", "--char_hidden_dim", "16", "--word_emb_dim", "8",
                      "--batch_size", "16",
                      "--eval_interval", "20"],
        )


class Workdir:
    """Layout of the scratch directory, mirroring what stanza's scripts expect."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.data = self.root / "data"
        self.udbase = self.root / "ud"
        self.models = self.root / "saved_models"
        self.pretrain = self.root / "pretrain" / "id_kg.pt"

    def env(self) -> dict[str, str]:
        return {
            "DATA_ROOT": str(self.data),
            "UDBASE": str(self.udbase),
            "NERBASE": str(self.root / "nerbase"),
            "WORDVEC_DIR": str(self.root / "wordvec"),
            "STANZA_RESOURCES_DIR": str(self.root / "stanza_resources"),
        }

    def model(self, name: str) -> Path:
        return {
            "tokenize": self.models / "tokenize" / f"{SHORT}_tokenizer.pt",
            "pos": self.models / "pos" / f"{SHORT}_tagger.pt",
            "depparse": self.models / "depparse" / f"{SHORT}_parser.pt",
            "lemma": self.models / "lemma" / f"{LEMMA_SHORT}_lemmatizer.pt",
            "ner": self.models / "ner" / f"{NER_SHORT}_nertagger.pt",
        }[name]


def _apply_env(work: Workdir, cfg: Config) -> None:
    os.environ.update(work.env())
    import torch

    torch.set_num_threads(cfg.threads)


def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.is_symlink() or dst.exists():
        dst.unlink()
    dst.symlink_to(src)


def _write_conllu(dst: Path, sources: list[Path], lowercase_lemma: bool = False) -> None:
    """Concatenate CoNLL-U files; optionally lowercase lemmas (CSUI keeps proper-noun case, GSD does not)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    out: list[str] = []
    for src in sources:
        for line in src.read_text(encoding="utf-8").splitlines():
            if lowercase_lemma and line and not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) == 10 and cols[2] != "_":
                    cols[2] = cols[2].lower()
                line = "\t".join(cols)
            out.append(line)
        if out and out[-1] != "":
            out.append("")
    dst.write_text("\n".join(out) + "\n", encoding="utf-8")


def prepare_ud(work: Workdir, data_dir: Path) -> None:
    """Lay out a UDBASE that stanza's prepare scripts understand, pointing at ../shared read-only files."""
    ud = data_dir / "ud"
    gsd = ud / "UD_Indonesian-GSD"
    for split in ("train", "dev", "test"):
        _link(gsd / "r2.1" / f"id-ud-{split}.conllu",
              work.udbase / "UD_Indonesian-GSD" / f"id_gsd-ud-{split}.conllu")
    csui = ud / "UD_Indonesian-CSUI"
    lem = work.udbase / "UD_Indonesian-KGLEM"
    _write_conllu(lem / "id_kglem-ud-train.conllu",
                  [csui / "id_csui-ud-train.conllu", gsd / "current" / "id_gsd-ud-dev.conllu"], True)
    _write_conllu(lem / "id_kglem-ud-dev.conllu", [csui / "id_csui-ud-test.conllu"], True)
    _write_conllu(lem / "id_kglem-ud-test.conllu", [gsd / "current" / "id_gsd-ud-test.conllu"], True)
    # CSUI test as an extra POS/depparse test set (scored, never trained on).
    _link(csui / "id_csui-ud-test.conllu", work.root / "eval" / "id_csui-ud-test.conllu")


def _run(module_main, argv: list[str]) -> None:
    """Call a stanza script's ``main()`` as if from the command line (they parse ``sys.argv``)."""
    log.info("running %s %s", module_main.__module__, " ".join(argv))
    t0 = time.time()
    saved = sys.argv
    sys.argv = [module_main.__module__, *argv]
    try:
        module_main()
    finally:
        sys.argv = saved
    log.info("%s done in %.0f s", module_main.__module__, time.time() - t0)


@contextlib.contextmanager
def _averaged(window: tuple[int, int] | None, trainer_module: str, model: Path) -> Iterator[None]:
    """Snapshot the training run inside the block and, after it, replace ``model`` (stanza's best-on-dev
    checkpoint) with the mean of the snapshots; a no-op when ``window`` is None."""
    if window is None:
        yield
        return
    with averaging.snapshots(_trainer_class(trainer_module), model.parent / "snapshots", *window) as paths:
        yield
    averaging.average(paths, model)


def _trainer_class(module: str) -> type:
    import importlib

    return importlib.import_module(module).Trainer


def stage_vectors(work: Workdir, cfg: Config, data_dir: Path) -> None:
    if not work.pretrain.exists():
        train_vectors(data_dir, work.pretrain, dim=cfg.vec_dim, max_vocab=cfg.vec_max_vocab,
                      epochs=cfg.vec_epochs)


def stage_tokenize(work: Workdir, cfg: Config) -> None:
    from stanza.utils.datasets import prepare_tokenizer_treebank
    from stanza.utils.training import run_tokenizer

    _run(prepare_tokenizer_treebank.main, ["UD_Indonesian-GSD"])
    _run(run_tokenizer.main, [SHORT, "--no_charlm", "--save_dir", str(work.models / "tokenize"),
                              "--save_name", work.model("tokenize").name,
                              "--steps", str(cfg.tok_steps), "--force"])


def stage_pos(work: Workdir, cfg: Config) -> None:
    from stanza.utils.datasets import prepare_pos_treebank
    from stanza.utils.training import run_pos

    _run(prepare_pos_treebank.main, ["UD_Indonesian-GSD"])
    with _averaged(cfg.pos_average, "stanza.models.pos.trainer", work.model("pos")):
        _run(run_pos.main, [SHORT, "--no_charlm", "--wordvec_pretrain_file", str(work.pretrain),
                            "--save_dir", str(work.models / "pos"), "--save_name", work.model("pos").name,
                            "--max_steps", str(cfg.pos_steps),
                            "--force", *cfg.pos_args])


def stage_depparse(work: Workdir, cfg: Config) -> None:
    """Depparse trains on tags from our own tagger (``--predicted``) unless ``dep_gold_tags``."""
    from stanza.utils.datasets import prepare_depparse_treebank
    from stanza.utils.training import run_depparse

    if cfg.dep_gold_tags:
        _run(prepare_depparse_treebank.main, ["UD_Indonesian-GSD", "--gold"])
    else:
        _run(prepare_depparse_treebank.main, ["UD_Indonesian-GSD", "--predicted",
                                              "--tagger_model", str(work.model("pos")),
                                        "--wordvec_pretrain_file", str(work.pretrain), "--no_charlm"])
    model = work.model("depparse")
    trainer = "stanza.models.depparse.trainer"
    args = [SHORT, "--no_charlm", "--wordvec_pretrain_file", str(work.pretrain),
            "--save_dir", str(work.models / "depparse"), "--save_name", model.name,
            "--no_checkpoint", "--force", *cfg.dep_args]
    if not cfg.dep_more_steps:
        with _averaged(cfg.dep_average, trainer, model):
            _run(run_depparse.main, [*args, "--max_steps", str(cfg.dep_steps)])
        return
    # Phase two continues from phase one's last weights (a snapshot of the final step), not its best-on-dev
    # checkpoint, with a fresh optimiser (stanza's --continue_from does not restore it).
    snap_dir = model.parent / "snapshots"
    with averaging.snapshots(_trainer_class(trainer), snap_dir, cfg.dep_steps, 1) as last:
        _run(run_depparse.main, [*args, "--max_steps", str(cfg.dep_steps)])
    if not last:
        raise RuntimeError(f"depparse phase one stopped before step {cfg.dep_steps}: no weights to continue from")
    phase1 = model.with_name("parser_phase1.pt")
    shutil.copyfile(last[-1], phase1)  # phase two's snapshots start by clearing snap_dir
    with _averaged(cfg.dep_average, trainer, model):
        _run(run_depparse.main, [*args, "--max_steps", str(cfg.dep_more_steps), "--continue_from", str(phase1)])


def stage_lemma(work: Workdir, cfg: Config) -> None:
    from stanza.utils.datasets import prepare_lemma_treebank
    from stanza.utils.training import run_lemma

    _run(prepare_lemma_treebank.main, ["UD_Indonesian-KGLEM", "--gold"])
    _run(run_lemma.main, [LEMMA_SHORT, "--no_charlm", "--save_dir", str(work.models / "lemma"),
                          "--save_name", work.model("lemma").name,
                          "--num_epoch", str(cfg.lemma_epochs), "--force", *cfg.lemma_args])


def stage_ner(work: Workdir, cfg: Config, data_dir: Path) -> None:
    """NER in two phases: ``ner_steps`` from scratch on ``ner_sources``, then ``ner_more_steps`` continuing
    from that model (stanza's ``--finetune``) on ``ner_more_sources``."""
    from stanza.utils.training import run_ner

    ner_data.prepare(data_dir, work.data / "ner", NER_SHORT, sources=cfg.ner_sources,
                     title_countries=cfg.ner_title_countries)
    _run(run_ner.main, [NER_SHORT, "--no_charlm", "--wordvec_pretrain_file", str(work.pretrain),
                        "--save_dir", str(work.models / "ner"), "--save_name", work.model("ner").name,
                        "--max_steps", str(cfg.ner_steps),
                        "--force", *cfg.ner_args])
    if cfg.ner_more_steps:
        stage_ner_continue(work, cfg, data_dir)


def stage_ner_continue(work: Workdir, cfg: Config, data_dir: Path) -> None:
    from stanza.utils.training import run_ner

    if cfg.ner_more_sources is not None:
        ner_data.prepare(data_dir, work.data / "ner", NER_SHORT, sources=cfg.ner_more_sources,
                         title_countries=cfg.ner_more_title_countries)
    phase1 = work.model("ner").with_name("ner_phase1.pt")
    shutil.copyfile(work.model("ner"), phase1)
    _run(run_ner.main, [NER_SHORT, "--no_charlm", "--wordvec_pretrain_file", str(work.pretrain),
                        "--save_dir", str(work.models / "ner"), "--save_name", work.model("ner").name,
                        "--finetune", "--finetune_load_name", str(phase1),
                        "--max_steps", str(cfg.ner_more_steps), "--eval_interval", "250",
                        "--force", *cfg.ner_args, *cfg.ner_more_args])


def train(data_dir: Path, work_dir: Path, out_dir: Path | None, quick: bool = False,
          stages: tuple[str, ...] = STAGES, cfg: Config | None = None) -> dict[str, Path]:
    """Train the requested stages in ``work_dir`` and, if ``out_dir`` is given, ship them there."""
    cfg = cfg or Config.make(quick)
    data_dir = data_dir.resolve()
    work = Workdir(work_dir)
    work.root.mkdir(parents=True, exist_ok=True)
    _apply_env(work, cfg)
    prepare_ud(work, data_dir)
    cwd = os.getcwd()
    os.chdir(work.root)  # stanza writes a few relative paths (saved_models/, data/)
    try:
        for stage in stages:
            if stage == "vectors":
                stage_vectors(work, cfg, data_dir)
            elif stage == "tokenize":
                stage_tokenize(work, cfg)
            elif stage == "pos":
                stage_pos(work, cfg)
            elif stage == "depparse":
                stage_depparse(work, cfg)
            elif stage == "lemma":
                stage_lemma(work, cfg)
            elif stage == "ner":
                stage_ner(work, cfg, data_dir)
            else:
                raise ValueError(f"unknown stage {stage!r}; choose from {STAGES}")
    finally:
        os.chdir(cwd)
    paths = {name: work.model(name) for name in ("tokenize", "pos", "depparse", "lemma", "ner")}
    paths["pretrain"] = work.pretrain
    if out_dir is not None:
        ship(paths, out_dir)
        ship_countries(data_dir, out_dir)
    return paths


SHIPPED = {
    "tokenize": "tokenize.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
    "ner": "ner.pt",
    "pretrain": "pretrain.pt",
}


def shrink(src: Path, dst: Path) -> None:
    """Store float tensors as fp16: stanza's ``load_state_dict`` copies them back into fp32 parameters.

    The pretrain's ``emb`` is used as-is by stanza (``nn.Embedding.from_pretrained``) so it stays fp32;
    its size is controlled by dimension and vocabulary pruning instead.
    """
    import torch

    data = torch.load(src, map_location="cpu", weights_only=False)

    def half(obj):
        if isinstance(obj, torch.Tensor) and obj.is_floating_point():
            return obj.half()
        if isinstance(obj, dict):
            return {k: half(v) for k, v in obj.items()}
        return obj

    if isinstance(data, dict) and "model" in data and src.name != "pretrain.pt":
        data["model"] = half(data["model"])
        data.pop("optimizer", None)
    dst.parent.mkdir(parents=True, exist_ok=True)
    torch.save(data, dst, _use_new_zipfile_serialization=False)


def ship(paths: dict[str, Path], out_dir: Path) -> None:
    """Copy trained models to ``out_dir`` under stable names (shrunk), plus the ``resources.json`` stanza
    insists on."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, fname in SHIPPED.items():
        src = paths[name]
        if not src.exists():
            log.warning("not shipping %s: %s missing", name, src)
            continue
        if name in ("pretrain", "tokenize"):
            shutil.copyfile(src, out_dir / fname)
        else:
            shrink(src, out_dir / fname)
    (out_dir / "resources.json").write_text("{}\n", encoding="utf-8")


def ship_countries(data_dir: Path, out_dir: Path) -> None:
    """Indonesian country names (names only, MIT) for kg.nlp's title-noun LOC rule."""
    names = [" ".join(n) for n in ner_data.load_countries(data_dir)]
    (out_dir / "countries_id.txt").write_text("\n".join(sorted(set(names))) + "\n", encoding="utf-8")
