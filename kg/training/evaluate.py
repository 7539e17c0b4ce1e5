"""Score shipped models with stanza's own scorers, end to end as the product uses them.

UD: the pipeline (pos, lemma, depparse on predicted tags) runs on the gold words of a test file; the output
is compared with stanza's CoNLL-U scorer (``stanza.models.common.utils.ud_scores``: UPOS, UAS, LAS, Lemmas).
NER: the NER model tags gold-tokenised sentences; stanza's ``score_by_entity`` gives micro F1 and F1 per type.

    python -m kg.training.evaluate [--data ../shared/data] [--models kg/models/id]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from kg.training.ner_data import DEV, TEST, read_bio


def _gold_sentences(conllu: Path) -> list[list[str]]:
    sents: list[list[str]] = []
    cur: list[str] = []
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                cur.append(cols[1])
    if cur:
        sents.append(cur)
    return sents


def score_ud(gold: Path, models: Path, processors: str = "tokenize,pos,lemma,depparse") -> dict[str, float]:
    """UPOS / UAS / LAS / lemma F1 of the pipeline on the gold words of ``gold`` (predicted tags)."""
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    from kg.nlp import load_pipeline

    nlp = load_pipeline(processors=processors, model_dir=models, tokenize_pretokenized=True)
    doc = nlp(_gold_sentences(gold))
    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False, encoding="utf-8") as f:
        CoNLL.write_doc2conll(doc, f.name)
        system = f.name
    ev = ud_scores(str(gold), system)
    Path(system).unlink()
    return {k: round(100 * ev[k].f1, 2) for k in ("UPOS", "UAS", "LAS", "Lemmas")}


def score_tokenize(gold: Path, models: Path) -> dict[str, float]:
    """Tokens / sentences / words F1 of the tokenizer on the raw ``# text`` of a CoNLL-U file."""
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    from kg.nlp import load_pipeline

    texts = [line.split("=", 1)[1].strip() for line in gold.read_text(encoding="utf-8").splitlines()
             if line.startswith("# text")]
    nlp = load_pipeline(processors="tokenize", model_dir=models)
    doc = nlp(" ".join(texts))  # one running text: sentence splitting is scored too
    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False, encoding="utf-8") as f:
        CoNLL.write_doc2conll(doc, f.name)
        system = f.name
    ev = ud_scores(str(gold), system)
    Path(system).unlink()
    return {k: round(100 * ev[k].f1, 2) for k in ("Tokens", "Sentences", "Words")}


def score_ner(bio_path: Path, label_map: dict[str, str], models: Path) -> dict[str, object]:
    """Entity-level micro P/R/F1 and F1 per type with stanza's NER scorer, on gold tokenisation."""
    from stanza.models.ner.scorer import score_by_entity
    from stanza.models.ner.utils import bio2_to_bioes, to_bio2

    from kg.nlp import load_pipeline

    sents = read_bio(bio_path, label_map)
    nlp = load_pipeline(processors="tokenize,ner", model_dir=models, tokenize_pretokenized=True)
    doc = nlp([[t for t, _ in s] for s in sents])
    pred = [[t.ner for t in s.tokens] for s in doc.sentences]
    gold = [bio2_to_bioes(to_bio2([tag for _, tag in s])) for s in sents]
    p, r, f1, by_type = score_by_entity(pred, gold, verbose=False)
    return {"P": round(100 * p, 2), "R": round(100 * r, 2), "F1": round(100 * f1, 2),
            "by_type": {k: round(100 * v, 2) for k, v in by_type.items()}}


def evaluate(data_dir: Path, models: Path) -> dict[str, object]:
    ud = data_dir / "ud"
    ner = data_dir / "ner"
    return {
        "tokenize_gsd_r2.1_test": score_tokenize(ud / "UD_Indonesian-GSD/r2.1/id-ud-test.conllu", models),
        "gsd_r2.1_test": score_ud(ud / "UD_Indonesian-GSD/r2.1/id-ud-test.conllu", models),
        "gsd_r2.1_dev": score_ud(ud / "UD_Indonesian-GSD/r2.1/id-ud-dev.conllu", models),
        "csui_test": score_ud(ud / "UD_Indonesian-CSUI/id_csui-ud-test.conllu", models),
        "gsd_current_test": score_ud(ud / "UD_Indonesian-GSD/current/id_gsd-ud-test.conllu", models),
        "ner_idner_dev": score_ner(ner / DEV[0], DEV[1], models),
        "ner_nerp_valid": score_ner(ner / TEST[0], TEST[1], models),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--models", type=Path, default=Path(__file__).resolve().parents[1] / "models" / "id")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.data, args.models), indent=2))


if __name__ == "__main__":
    main()
