"""Merge the open Indonesian NER sets into stanza's NER json, mapped to PER / ORG / LOC.

Never reads NER-UGM-derived data (it shares sentences with idner-news-2k). Dev is idner-news-2k dev (the
cleanest annotation; used for model selection); the "test" file stanza reports on is NERP valid, which is
never trained on.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

# name -> (relative path of train split, label map); labels not in the map become O.
SOURCES: dict[str, tuple[str, dict[str, str]]] = {
    "idner": ("idner-news-2k/train.txt", {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}),
    "nerp": ("indonlu-nerp/train_preprocess.txt", {"PPL": "PER", "PLC": "LOC", "IND": "ORG"}),
    "nergrit": ("indonlu-nergrit/train_preprocess.txt",
                {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"}),
    "nerui": ("indolem-nerui/train.01.tsv", {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}),
}
# NERP is dropped: indonlu's preprocessing lowercased it, which confuses the character model and costs
# precision on cased news. idner-news-2k is repeated so its (cleanest) conventions dominate.
DEFAULT_SOURCES = ("idner", "idner", "idner", "nergrit", "nerui")
DEV = ("idner-news-2k/dev.txt", SOURCES["idner"][1])
TEST = ("indonlu-nerp/valid_preprocess.txt", SOURCES["nerp"][1])


def read_bio(path: Path, label_map: dict[str, str]) -> list[list[tuple[str, str]]]:
    """Read a token-first / tag-last column file; map labels and repair BIO (orphan I- becomes B-)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cols = re.split(r"[\t ]+", line.strip())
        token, tag = cols[0], cols[-1] if len(cols) > 1 else "O"
        if tag != "O" and "-" in tag:
            prefix, label = tag.split("-", 1)
            mapped = label_map.get(label)
            tag = f"{prefix}-{mapped}" if mapped else "O"
        elif tag != "O":
            tag = "O"
        if tag.startswith("I-"):
            prev = cur[-1][1] if cur else "O"
            if prev == "O" or prev[2:] != tag[2:]:
                tag = "B-" + tag[2:]
        cur.append((token, tag))
    if cur:
        sents.append(cur)
    return sents


# Title nouns after which a country name denotes the country (LOC), e.g. "Presiden Rusia",
# "Perdana Menteri Armenia", "Menteri Luar Negeri Iran". idner-news-2k often leaves such names O (it tags
# adjectival country names O: "turis Tiongkok"), which teaches the model to miss them. The words are data:
# kgo:cueTrainingTitleNoun in ontology/tokens.ttl (the set the shipped NER was trained with).


def load_countries(data_dir: Path) -> list[list[str]]:
    """Indonesian country names from the Wikidata gazetteer, as token lists (longest first)."""
    import csv

    path = data_dir / "gazetteer" / "countries-id-wikidata" / "countries_id.csv"
    names: set[tuple[str, ...]] = set()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            toks = tuple(row["name_id"].split())
            if toks:
                names.add(toks)
    return sorted((list(n) for n in names), key=len, reverse=True)


def relabel_title_countries(sents: list[list[tuple[str, str]]], countries: list[list[str]]) -> int:
    """Tag a country name that directly follows a title noun as LOC when the source left it O."""
    from kg.ontology import token_lexicon

    title_nouns = token_lexicon().training_title_nouns
    changed = 0
    for sent in sents:
        i = 1
        while i < len(sent):
            if sent[i - 1][0].lower() in title_nouns and sent[i - 1][1] == "O":
                for name in countries:
                    n = len(name)
                    toks = [t for t, _ in sent[i:i + n]]
                    if toks == name and all(tag == "O" for _, tag in sent[i:i + n]):
                        if i + n < len(sent) and sent[i + n][1].startswith("I-"):
                            break
                        for k in range(n):
                            sent[i + k] = (sent[i + k][0], ("B-" if k == 0 else "I-") + "LOC")
                        changed += 1
                        i += n - 1
                        break
            i += 1
    return changed


def write_bio(path: Path, sents: list[list[tuple[str, str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for sent in sents:
            for tok, tag in sent:
                f.write(f"{tok}\t{tag}\n")
            f.write("\n")


def prepare(data_dir: Path, ner_dir: Path, short: str, sources: tuple[str, ...] = DEFAULT_SOURCES,
            title_countries: bool = True) -> None:
    """Write ``{short}.{train,dev,test}.json`` (BIOES) for stanza's NER trainer via its prepare_ner_file.

    ``title_countries`` applies :func:`relabel_title_countries` to the training split only (dev/test stay
    as published, so scores remain comparable).
    """
    from stanza.utils.datasets.ner import prepare_ner_file

    ner_root = data_dir / "ner"
    train: list[list[tuple[str, str]]] = []
    for name in sources:
        rel, label_map = SOURCES[name]
        sents = read_bio(ner_root / rel, label_map)
        log.info("NER train source %s: %d sentences", name, len(sents))
        train.extend(sents)
    if title_countries:
        n = relabel_title_countries(train, load_countries(data_dir))
        log.info("NER train: %d country names after title nouns relabelled LOC", n)
    splits = {
        "train": train,
        "dev": read_bio(ner_root / DEV[0], DEV[1]),
        "test": read_bio(ner_root / TEST[0], TEST[1]),
    }
    for split, sents in splits.items():
        bio = ner_dir / f"{short}.{split}.bio"
        write_bio(bio, sents)
        prepare_ner_file.process_dataset(str(bio), str(ner_dir / f"{short}.{split}.json"))
