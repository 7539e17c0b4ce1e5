"""Indonesian NLP for kg: a stanza pipeline built from the models shipped in ``kg/models/id``.

Loading never touches the network (``download_method=None`` plus explicit model paths), so the pipeline
works offline and reproducibly. ``source="stanza"`` opts into stanza's normal download path instead, for
users with internet access or other languages. stanza and torch are imported lazily so ``import kg`` stays
cheap.
"""

from __future__ import annotations

import logging
import os
import re
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import stanza

MODEL_DIR = Path(__file__).parent / "models" / "id"
DEFAULT_PROCESSORS = "tokenize,pos,lemma,depparse,ner"

# processor -> shipped file; pretrain.pt (word vectors) is shared by pos, depparse and ner.
MODEL_FILES = {
    "tokenize": "tokenize.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
    "ner": "ner.pt",
}
PRETRAIN_FILE = "pretrain.pt"
COUNTRIES_FILE = "countries_id.txt"  # Indonesian country names (gazetteer, MIT) for the title rule below


def annotation_inputs() -> list[Path]:
    """Every file whose content shapes a cached annotation: the models and their data, and this module
    (its post-NER processor and word lists rewrite NER output) with the tree decoder (kg.cache keys on it)."""
    here = Path(__file__).resolve().parent
    from kg.ontology import token_lexicon_path

    return sorted(p for p in MODEL_DIR.iterdir() if p.is_file() and p.suffix != ".md") + [
        here / "nlp.py",
        here / "mst.py",
        token_lexicon_path(),
    ]
_USES_PRETRAIN = ("pos", "depparse", "ner")

# Inference batch sizes measured on a 2-core CPU (bench/nlp_speed.py): larger batches amortise Python
# overhead in the LSTMs; beyond these the gain is within noise and memory grows.
DEFAULT_BATCH_SIZES = {
    "tokenize_batch_size": 64,
    "pos_batch_size": 3000,
    "lemma_batch_size": 100,
    "depparse_batch_size": 3000,
    "ner_batch_size": 64,
}
# stanza's own option: remember each seq2seq lemma so a word the lemma dictionary lacks (names, mostly)
# is decoded once, not at every occurrence. ~1/3 less lemma time on news; bounded by LEMMA_CACHE_MAX.
DEFAULT_OPTIONS = {"lemma_store_results": True}
LEMMA_CACHE_MAX = 200_000  # remembered lemmas (tens of MB of str pairs) before the cache starts over
# Longest sentence (tokens) the tagger, parser and NER see. Text without sentence punctuation (tables, lists,
# transcripts) would otherwise be one sentence, and the parser's scores grow with its square (20 KB: 3.8 GB).
# Longer sentences are cut after tokenizing (split_long_sentences); news sentences stay far below this.
MAX_SENTENCE_WORDS = 200
SPLIT_COMMENT = "kg_split"  # sentence comment "# kg_split = i/n" on each piece of a cut sentence

# An article longer than this (a dumped page, a transcript, a 5 MB JSONL line) is annotated and extracted
# one section at a time (text_sections): a stanza Document costs ~1.5 KB per word, so holding a whole
# 5 MB text's Document (750k words) took the build past 2 GB. A news article is a few thousand characters.
SECTION_CHARS = 100_000


# Title nouns after which a country name denotes the country ("Presiden Rusia", "Menteri Luar Negeri Iran") are
# data: kgo:cueTitleNoun in ontology/tokens.ttl. The NER training data disagree on such names (idner-news-2k
# often leaves them O), so a small gazetteer rule guarantees LOC there.
TITLE_LOC_PROCESSOR = "kg_title_loc"


class ModelsNotFoundError(FileNotFoundError):
    """The shipped model files are missing (e.g. a checkout without them, or a partial training run)."""


_CAMEL = re.compile(r"([A-Z][a-z]{3,}|[a-z]{3,})([A-Z][a-z]+.*)")


def split_glued(word: str, lex: Any) -> list[str]:
    """'dariReuters' -> ['dari', 'Reuters'], 'Dirangkumdetikcom' -> ['Dirangkum', 'detikcom'],
    'HendropriyonoSekretaris' -> ['Hendropriyono', 'Sekretaris']: words a scraper glued at a hyperlink, split
    by the words of ``ontology/tokens.ttl`` (kgo:cueGluedPrefix, cueLowercaseBrand, cueCamelCaseName). The pieces
    concatenate to the word, so offsets into the text stay exact."""
    if len(word) < 5 or word in lex.camel_case_names or not word.isalpha():
        return [word]
    low = word.lower()
    if any(low.startswith(b) for b in lex.lowercase_brands):
        return [word]
    for p in lex.glued_prefixes:
        if low.startswith(p) and len(word) > len(p) + 1 and (len(p) >= 4 or word[: len(p)].islower()):
            rest = word[len(p) :]
            if rest[0].isupper() or any(rest.lower().startswith(b) for b in lex.lowercase_brands):
                return [word[: len(p)], *split_glued(rest, lex)]
    m = _CAMEL.fullmatch(word)
    if m and not any(m.group(1).lower().startswith(b) for b in lex.lowercase_brands):
        return [m.group(1), *split_glued(m.group(2), lex)]
    return [word]


class GlueSplitter:
    """stanza ``tokenize_postprocessor``: splits glued words (:func:`split_glued`) in each tokenized sentence.
    A class, not a closure, so a pipeline's config stays picklable."""

    def __call__(self, sentences: list[list[Any]]) -> list[list[Any]]:
        from kg.ontology import token_lexicon

        lex = token_lexicon()
        out = []
        for sent in sentences:
            words: list[Any] = []
            for w in sent:
                words.extend(split_glued(w, lex) if isinstance(w, str) else [w])
            out.append(words)
        return out


_WORD = re.compile(r"[^\W\d_][\w'-]*")


def body_words(body: str) -> tuple[set[str], set[str], set[str], set[tuple[str, str]]]:
    """The body's words written in lower case, capitalised inside a sentence and capitalised anywhere, and the
    pairs of capitalised words it writes one after the other ("Kementerian Kebudayaan")."""
    lower, inside, anywhere, pairs = set(), set(), set(), set()
    prev_end, prev_cap = -1, ""
    for m in _WORD.finditer(body):
        w = m.group(0).rstrip("'-")  # "Kebijakan Trump'": the closing quote is not part of the word
        cap = ""
        if w.islower():
            lower.add(w)
        elif w[:1].isupper():
            anywhere.add(w)
            cap = w
            if prev_cap and m.start() == prev_end + 1 and body[prev_end] == " ":
                pairs.add((prev_cap, w))
            j = m.start() - 1
            while j >= 0 and body[j].isspace():  # the character before the word, past spaces (no slicing:
                j -= 1  # a 5 MB body has ~10^5 capitalised words)
            if j >= 0 and body[j] not in '.!?"\u201d:':
                inside.add(w)
        prev_end, prev_cap = m.end(), cap if m.group(0) == w else ""
    return lower, inside, anywhere, pairs


def headline_casing(title: str, body: str, seen: tuple[set[str], set[str], set[str], set[tuple[str, str]]] | None = None
                     ) -> str:
    """A title-cased headline ("Trump Kecam Elon Musk Bikin Partai Politik Baru") as the tagger would see it
    in a sentence: a capitalised word stays so only if the body writes it capitalised too, inside a sentence or
    never in lower case (a name), if the linking table knows it as a name the body never lowers ("Golkar"), if
    it is a title word before a kept word ("Ketua Komisi XI DPR"), or if the body writes it capitalised before
    the kept word after it, even at sentence starts ("Kementerian Kebudayaan Prancis"); every other
    title-cased word is lowered ("Trump kecam Elon Musk bikin partai politik baru"). Acronyms and mixed case
    are left alone; a comma before a space reads as a full stop. Same length, so offsets hold. ``seen``:
    :func:`body_words` of the body, when several lines are cased against one body. With no body (a headline
    alone) a word is lowered only when it is a common word or has a common stem (:func:`_common_form`), unless
    it is part of a known multi-word place or body name ('Tepi Barat')."""
    lower, inside, anywhere, pairs = seen if seen is not None else body_words(body)
    from kg.commonwords import load as common_words
    from kg.linking import LinkTable, fold
    from kg.ontology import token_lexicon

    out = list(title)
    lex = token_lexicon()
    titles = lex.headline_titles
    table, common = LinkTable.load(), common_words()
    alone = not body.strip()
    keep: set[int] = set()  # starts of the words of known multi-word names ('Tepi Barat'), kept capitalised
    if alone:  # no body to compare with: the common-word lexicon says which words are not names
        lower = {m.group(0).lower() for m in _WORD.finditer(title) if _common_form(m.group(0).lower(), common, lex)}
        from kg.gazetteer import Gazetteer

        gaz, ms = Gazetteer.load(), list(_WORD.finditer(title))
        for i in range(len(ms)):
            for n in (3, 2):
                run = ms[i : i + n]
                if len(run) == n and all(m.group(0)[:1].isupper() for m in run) and all(
                        title[a.end() : b.start()] == " " for a, b in zip(run, run[1:])):
                    phrase = title[run[0].start() : run[-1].end()]
                    if gaz.lookup(phrase) or fold(phrase) in table.place_names or fold(phrase) in table.org_names:
                        keep.update(m.start() for m in run)
                        break

    def known(w: str) -> bool:  # "Golkar", "Bali": a name the linking table knows, not a common word
        f = fold(w)
        return f not in common and (f in table.org_names or f in table.place_names)

    next_start, next_kept, next_word = -1, False, ""  # right to left: the word after this one, kept capitalised?
    for m in reversed(list(_WORD.finditer(title))):
        w = m.group(0).rstrip("'-")
        name = w in inside or (w in anywhere and w.lower() not in lower) or (w.lower() not in lower and known(w))
        name = name or (alone and (w.lower() not in lower or m.start() in keep))
        name = name or (next_kept and title[m.end() : next_start] == " " and (w, next_word) in pairs)
        # "Ahmad Luthfi sebut ...": a word of people's names (the linking table's), no common word, before a
        # kept name starts that name
        name = name or (next_kept and title[m.end() : next_start] == " " and w.lower() not in lower
                        and fold(w) not in common and fold(w) in table.person_tokens)
        # "Ketua Komisi XI DPR puji ...", "Sekjen Golkar: ...": a title word before a kept word stays a title
        titled = w.lower() in titles and next_kept and title[m.end() : next_start] == " "
        lowered = w[:1].isupper() and w[1:].islower() and not name and not titled
        if lowered:
            out[m.start()] = w[0].lower()
        next_start, next_kept, next_word = m.start(), w[:1].isupper() and not lowered, w
    # a headline's commas join clauses, not appositions ("Dicopot dari Ketua MK, Yusril: ..."): read as stops
    return "".join("." if c == "," and title[i + 1 : i + 2] == " " else c for i, c in enumerate(out))


def _common_form(word: str, common, lex) -> bool:
    """'diabaikan', 'suarakan', 'temui': a common word, or one with a common stem under one prefix and one
    suffix of the token lexicon (kgo:cueHeadlinePrefix, kgo:cueHeadlineSuffix); 'serang': a bare stem of four
    letters or more (not a short name: 'Ani', 'berani') whose passive or active form ('diserang', 'berjanji';
    kgo:cueHeadlineStemPrefix) is common."""
    if word in common or len(word) >= 4 and any(p + word in common for p in lex.headline_stem_prefixes):
        return True
    for p in ("", *lex.headline_prefixes):
        for q in ("", *lex.headline_suffixes):
            if (p or q) and word.startswith(p) and word.endswith(q) and len(word) - len(p) - len(q) >= 3 \
                    and word[len(p) : len(word) - len(q)] in common:
                return True
    return False


_LIST_NUMBER = re.compile(r"\d{1,2}[.)]\s")  # '4. Ketum Golkar Bahlil Lahadalia': a list item, not a heading


def _is_subheading(line: str) -> bool:
    """'6 Hakim MK Langgar Etik': a short line of title-cased words with no sentence end, comma, colon, quote or
    list mark, as news sites head a section."""
    s = line.strip()
    words = [w for w in s.split() if w[:1].isalpha()]
    if not 2 <= len(words) <= 10 or s[-1:] in '.!?:;"\u201d)\'' or s[:1] in "-\u2022*" or _LIST_NUMBER.match(s) \
            or any(c in s for c in '",:\u201c'):  # no quote, no signature ('Said Abdullah,Fraksi PDI Perjuangan')
        return False
    return sum(w[:1].isupper() for w in words) >= 0.75 * len(words) and sum(w[1:].islower() for w in words) >= 2


def nlp_input(text: str, title: str) -> str:
    """What stanza reads for an article: its text, with the headline paragraph and subheadings in sentence case
    (:func:`headline_casing`; kg.ingest puts the headline first). Same length as ``text``."""
    head = " ".join(title.split())
    body_start = len(head) + 2 if head and text.startswith(head + "\n\n") else 0
    body = text[body_start:]
    if head and text.strip() == head:  # a headline alone (a headlines feed): cased by the common-word lexicon
        return text.replace(head, headline_casing(head, ""), 1)
    lines = body.split("\n")
    heads = [_is_subheading(line) for line in lines]
    if not body_start and not any(heads):
        return text
    if any(heads):  # what the body says outside its headings decides a heading's casing
        body = "\n".join("" if h else line for line, h in zip(lines, heads))
    seen = body_words(body)
    parts = [headline_casing(head, body, seen) + text[len(head) : body_start]] if body_start else []
    parts.append("\n".join(headline_casing(line, body, seen) if h else line for line, h in zip(lines, heads)))
    return "".join(parts)


def _processor_list(processors: str | Sequence[str]) -> list[str]:
    if isinstance(processors, str):
        return [p.strip() for p in processors.split(",") if p.strip()]
    return list(processors)


def model_paths(
    processors: str | Sequence[str] = DEFAULT_PROCESSORS, model_dir: Path | None = None
) -> dict[str, str]:
    """Stanza keyword arguments pointing every requested processor at our files; raise if any is missing."""
    model_dir = Path(model_dir or MODEL_DIR)
    procs = _processor_list(processors)
    unknown = [p for p in procs if p not in MODEL_FILES]
    if unknown:
        raise ValueError(f"no shipped Indonesian model for {unknown}; available: {list(MODEL_FILES)}")
    kwargs: dict[str, str] = {}
    missing: list[Path] = []
    for proc in procs:
        path = model_dir / MODEL_FILES[proc]
        kwargs[f"{proc}_model_path"] = str(path)
        if not path.exists():
            missing.append(path)
        if proc in _USES_PRETRAIN:
            pt = model_dir / PRETRAIN_FILE
            kwargs[f"{proc}_pretrain_path"] = str(pt)
            if not pt.exists() and pt not in missing:
                missing.append(pt)
    if missing:
        raise ModelsNotFoundError(
            "kg's Indonesian models are missing: "
            + ", ".join(str(m) for m in missing)
            + ". Train them with `kg models train --out kg/models/id`, or use "
            "load_pipeline(source='stanza') to download stanza's official models."
        )
    return kwargs


def _load_countries(model_dir: Path) -> list[tuple[str, ...]]:
    path = model_dir / COUNTRIES_FILE
    if not path.exists():
        return []
    names = {tuple(line.split()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return sorted(names, key=len, reverse=True)


def relabel_title_countries(doc: Any, countries: Sequence[tuple[str, ...]]) -> Any:
    """Make a country name right after a title noun a LOC entity (BIOES tags on tokens), then rebuild ents.

    Handles both a missed name (tagged O) and a name swallowed into the following person
    ("Rusia Vladimir Putin" as one PER becomes LOC "Rusia" + PER "Vladimir Putin").
    """
    from kg.ontology import token_lexicon

    title_nouns = token_lexicon().title_nouns
    changed = False
    for sent in doc.sentences:
        toks = sent.tokens
        for i in range(1, len(toks)):
            if toks[i - 1].text.lower() not in title_nouns or (toks[i - 1].ner or "O") != "O":
                continue
            for name in countries:
                n = len(name)
                if tuple(t.text for t in toks[i:i + n]) != name:
                    continue
                tags = [t.ner or "O" for t in toks[i:i + n]]
                if all(t == "O" for t in tags):
                    pass
                elif tags[0][:2] in ("B-", "S-") and tags[0][2:] != "LOC" and all(
                    t[:2] in ("B-", "I-") for t in tags
                ):
                    # name is the head of a longer non-LOC entity: split it off
                    nxt = toks[i + n] if i + n < len(toks) else None
                    if nxt is not None and (nxt.ner or "O")[:2] in ("I-", "E-"):
                        label = tags[0][2:]
                        nxt.ner = ("B-" if nxt.ner.startswith("I-") else "S-") + label
                else:
                    break
                for k, tok in enumerate(toks[i:i + n]):
                    tok.ner = "S-LOC" if n == 1 else ("B-LOC" if k == 0 else "E-LOC" if k == n - 1 else "I-LOC")
                changed = True
                break
    changed |= _split_known_heads(doc)
    changed |= _trim_lowercase_heads(doc)
    if changed:
        doc.build_ents()
    return doc


def _entity_spans(toks: Sequence[Any]) -> list[tuple[int, int, str]]:
    spans, start = [], None
    for i, t in enumerate(toks):
        tag = t.ner or "O"
        if tag[:2] in ("B-", "S-"):
            start = i
        if tag[:2] in ("E-", "S-") and start is not None:
            spans.append((start, i + 1, tag[2:]))
            start = None
    return spans


def _set_span(toks: Sequence[Any], start: int, end: int, label: str) -> None:
    for k in range(start, end):
        if end - start == 1:
            toks[k].ner = f"S-{label}"
        else:
            toks[k].ner = ("B-" if k == start else "E-" if k == end - 1 else "I-") + label


def _split_known_heads(doc: Any) -> bool:
    """"juru bicara Kremlin Dmitry Peskov": a >= 3-token PER right after a title noun whose first token is
    also a stand-alone entity elsewhere in the document is the organisation + the person: split it (ORG)."""
    from kg.ontology import token_lexicon

    title_nouns = token_lexicon().title_nouns
    standalone = {sent.tokens[s].text for sent in doc.sentences for s, e, _ in _entity_spans(sent.tokens)
                  if e - s == 1}
    changed = False
    for sent in doc.sentences:
        toks = sent.tokens
        for s, e, label in _entity_spans(toks):
            if (label == "PER" and e - s >= 3 and s > 0 and toks[s - 1].text.lower() in title_nouns
                    and toks[s].text in standalone):
                _set_span(toks, s, s + 1, "ORG")
                _set_span(toks, s + 1, e, "PER")
                changed = True
    return changed


def _trim_lowercase_heads(doc: Any) -> bool:
    """Names are capitalised: drop leading lowercase words from an entity ("kota Gyumri" -> "Gyumri")."""
    changed = False
    for sent in doc.sentences:
        toks = sent.tokens
        for s, e, label in _entity_spans(toks):
            k = s
            while k < e and toks[k].text[:1].islower():
                k += 1
            if s < k < e:
                for j in range(s, k):
                    toks[j].ner = "O"
                _set_span(toks, k, e, label)
                changed = True
    return changed


def _register_title_loc_processor() -> None:
    """A tiny stanza processor running :func:`relabel_title_countries` after NER (registered once)."""
    from stanza.pipeline.processor import NAME_TO_PROCESSOR_CLASS, Processor, register_processor

    if TITLE_LOC_PROCESSOR in NAME_TO_PROCESSOR_CLASS:
        return

    @register_processor(TITLE_LOC_PROCESSOR)
    class TitleLocProcessor(Processor):
        PROVIDES_DEFAULT = {TITLE_LOC_PROCESSOR}
        REQUIRES_DEFAULT = {"tokenize", "ner"}

        def __init__(self, config: dict, pipeline: Any, device: Any) -> None:
            super().__init__(config, pipeline, device)
            self._countries = _load_countries(Path(config.get("model_dir") or MODEL_DIR))

        def process(self, doc: Any) -> Any:
            return relabel_title_countries(doc, self._countries)


def set_torch_threads(n: int | None = None) -> None:
    """Use at most the physical cores (default: all CPUs, capped at 4): more threads only add contention
    for the small LSTMs we ship."""
    import torch

    n = n or min(os.cpu_count() or 1, 4)
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


class _UnsupportedLanguageFilter(logging.Filter):
    """Drops stanza's 'unsupported language: id' warning, which every build would print."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "unsupported language" not in record.getMessage()


def load_pipeline(
    lang: str = "id",
    processors: str | Sequence[str] = DEFAULT_PROCESSORS,
    *,
    source: str = "kg",
    model_dir: Path | str | None = None,
    torch_threads: int | None = None,
    title_countries: bool = True,
    fast_parse_decoding: bool = True,
    max_sentence_words: int | None = MAX_SENTENCE_WORDS,
    verbose: bool = False,
    **stanza_kwargs: Any,
) -> stanza.Pipeline:
    """Build a ``stanza.Pipeline``.

    ``source="kg"`` (default): kg's shipped Indonesian models, no network access at all.
    ``source="stanza"``: stanza's official models through its normal download path (needs internet the
    first time; any language stanza supports). Extra keyword arguments go straight to ``stanza.Pipeline``
    (e.g. ``tokenize_pretokenized=True``) and override our defaults. ``title_countries`` adds a small
    gazetteer step after NER that tags "Presiden Rusia"-style country names LOC. ``fast_parse_decoding``
    decodes parse trees with :mod:`kg.mst` (same trees as stanza's decoder, ~7x faster).
    ``max_sentence_words`` cuts longer sentences after tokenizing (see :func:`cap_sentence_length`; None
    keeps them whole). ``verbose``
    keeps stanza's notice that "id" is not one of its languages (expected: we bring our own models).
    """
    import stanza

    set_torch_threads(torch_threads)
    procs = ",".join(_processor_list(processors))
    if source == "stanza":
        return cap_sentence_length(stanza.Pipeline(lang=lang, processors=procs, **stanza_kwargs), max_sentence_words)
    if source != "kg":
        raise ValueError(f"source must be 'kg' or 'stanza', not {source!r}")
    if lang != "id":
        raise ValueError(f"kg ships Indonesian models only (lang='id'); use source='stanza' for {lang!r}")
    directory = Path(model_dir) if model_dir else MODEL_DIR
    kwargs: dict[str, Any] = {
        "dir": str(directory),  # holds a minimal resources.json, which stanza insists on reading
        "download_method": None,
        "allow_unknown_language": True,
        "use_gpu": False,
        "logging_level": "WARN",
    }
    defaults = DEFAULT_BATCH_SIZES | DEFAULT_OPTIONS
    kwargs.update({k: v for k, v in defaults.items() if k.split("_")[0] in procs})
    kwargs.update(model_paths(procs, directory))
    kwargs["tokenize_postprocessor"] = GlueSplitter()
    if title_countries and "ner" in procs.split(","):
        _register_title_loc_processor()
        procs += "," + TITLE_LOC_PROCESSOR
        kwargs[f"{TITLE_LOC_PROCESSOR}_model_dir"] = str(directory)
    kwargs.update(stanza_kwargs)
    if not (directory / "resources.json").exists():
        raise ModelsNotFoundError(f"{directory / 'resources.json'} is missing (it may contain just '{{}}')")
    quiet = _UnsupportedLanguageFilter() if not verbose else None
    logger = logging.getLogger("stanza")
    if quiet:
        logger.addFilter(quiet)
    try:
        pipeline = stanza.Pipeline(lang=lang, processors=procs, **kwargs)
    finally:
        if quiet:
            logger.removeFilter(quiet)
    _skip_empty_texts(pipeline)
    if fast_parse_decoding:
        from kg.mst import use_fast_decoder

        use_fast_decoder(pipeline)
    _remember_lemma_dict(pipeline)
    return cap_sentence_length(pipeline, max_sentence_words)


# lemma trainer -> (its dictionary as loaded, number of entries); see limit_lemma_cache
_LEMMA_BASE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _dict_size(pos_dict: dict) -> int:
    return sum(len(v) for v in pos_dict.values())


def _remember_lemma_dict(pipeline: stanza.Pipeline) -> None:
    proc = pipeline.processors.get("lemma")
    trainer = getattr(proc, "trainer", None)
    if getattr(proc, "store_results", False) and isinstance(getattr(trainer, "pos_dict", None), dict):
        _LEMMA_BASE[trainer] = ({k: dict(v) for k, v in trainer.pos_dict.items()}, _dict_size(trainer.pos_dict))


def limit_lemma_cache(pipeline: stanza.Pipeline, max_entries: int = LEMMA_CACHE_MAX) -> bool:
    """Start the lemma cache (``lemma_store_results``) over once it holds ``max_entries`` lemmas, so a
    long run over millions of articles keeps a bounded memory. Returns True if it was reset."""
    proc = pipeline.processors.get("lemma")
    trainer = getattr(proc, "trainer", None)
    if trainer not in _LEMMA_BASE:
        return False
    base, size = _LEMMA_BASE[trainer]
    if _dict_size(trainer.pos_dict) - size < max_entries:
        return False
    trainer.pos_dict.clear()
    trainer.pos_dict.update((k, dict(v)) for k, v in base.items())
    return True


# A cut between two tokens, best first: a line break (table rows, list items), a semicolon, colon or tab,
# a comma or dash, before a conjunction; else a hard cut at the cap.
_CUT_STRONG = frozenset({";", ":"})
_CUT_WEAK = frozenset({",", "-", "–", "—", "|", "/"})
_CUT_BEFORE = frozenset({
    "dan", "atau", "tetapi", "tapi", "namun", "serta", "sedangkan", "melainkan", "lalu", "kemudian",
    "sehingga", "karena", "padahal", "yaitu", "yakni",
})


def _cut_score(text: str, prev: Any, tok: Any) -> int:
    gap = text[prev.end_char:tok.start_char]
    if "\n" in gap:
        return 4
    if prev.text in _CUT_STRONG or "\t" in gap:
        return 3
    if prev.text in _CUT_WEAK:
        return 2
    return 1 if tok.text.lower() in _CUT_BEFORE else 0


def _cut_points(text: str, toks: Sequence[Any], cap: int) -> list[int]:
    """Where to cut one sentence's tokens into pieces of at most ``cap``: the best boundary in the last half
    of each piece, the latest one among equals (a hard cut at ``cap`` when there is none)."""
    cuts, start, n = [], 0, len(toks)
    while n - start > cap:
        start = max(range(start + max(1, cap // 2), start + cap + 1),
                    key=lambda k: (_cut_score(text, toks[k - 1], toks[k]), k))
        cuts.append(start)
    return cuts


# A line break after a sentence end closes the sentence even where stanza's tokenizer reads on (it breaks
# paragraphs at blank lines only): scraped news puts one paragraph per line ("... di AS.\nElon Musk ...").
_SENTENCE_END = (".", "!", "?", "\u2026")
_CLOSERS = "\"'\u201d\u2019)]"
_BULLETS = ("-", "\u2022", "*", "\u2013", "\u00b7")  # list bullets at a line start


def _list_item_at(toks: Sequence[Any], k: int) -> bool:
    """Token k opens a list item: '5. Ketum PAN ...', '2) Ketua ...', '- Menteri ...', '• Ketua ...' (a number
    of one or two digits with its dot or bracket, or a bullet, then a capitalised word)."""
    tok = toks[k]
    if tok.text.isdigit() and len(tok.text) <= 2 and k + 2 < len(toks) and toks[k + 1].text in (".", ")"):
        nxt = toks[k + 2].text
    elif tok.text in _BULLETS and k + 1 < len(toks):
        nxt = toks[k + 1].text
    else:
        return False
    return nxt[:1].isupper()


def _line_break_cuts(text: str, toks: Sequence[Any]) -> list[int]:
    """Token indexes where a sentence's tokens start a new line right after a sentence end, or a new line
    opens a list item (a roster's lines would otherwise run into one sentence, each name followed by the
    next item's number)."""
    cuts = []
    for k in range(1, len(toks)):
        prev, tok = toks[k - 1], toks[k]
        if prev.end_char is None or tok.start_char is None or "\n" not in text[prev.end_char:tok.start_char]:
            continue
        ended = prev.text.rstrip(_CLOSERS).endswith(_SENTENCE_END) or (
            prev.text in _CLOSERS and k >= 2 and toks[k - 2].text.endswith(_SENTENCE_END))
        if ended or _list_item_at(toks, k):
            cuts.append(k)
    return cuts


def split_long_sentences(doc: stanza.Document, max_words: int | None = MAX_SENTENCE_WORDS) -> stanza.Document:
    """A tokenized (not yet tagged) document resegmented: a sentence is cut where a line starts after a
    sentence end (:func:`_line_break_cuts`), and each piece longer than ``max_words`` tokens (None: no cap) is
    cut again at the best boundary (:func:`_cut_points`), those pieces marked with the comment
    ``# kg_split = i/n``. A document with neither is returned as it is (the same object); otherwise a new
    Document with the same text and character offsets. ``doc.kg_split_sentences`` is set to the number of
    sentences cut for length (see :func:`split_sentence_count`, which also reads cached documents)."""
    import stanza

    lines = [_line_break_cuts(doc.text, s.tokens) for s in doc.sentences]
    cap = max_words or 0

    def too_long(n: int) -> bool:
        return bool(cap) and n > cap

    if not any(lines) and not any(too_long(len(s.tokens)) for s in doc.sentences):
        doc.kg_split_sentences = 0
        return doc
    sents: list[list[dict]] = []
    comments: list[list[str]] = []
    split = 0
    for sent, cuts in zip(doc.sentences, lines):
        keep = [c for c in sent.comments if not c.startswith("# sent_id")]  # renumbered below
        if not cuts and not too_long(len(sent.tokens)):
            sents.append(sent.to_dict())
            comments.append(keep)
            continue
        keep = [c for c in keep if not c.startswith("# text")]  # each piece gets its own
        rows = [t.to_dict() for t in sent.tokens]  # one row per token (a multi-word token: + its words)
        edges = [0, *cuts, len(sent.tokens)]
        for a0, b0 in zip(edges, edges[1:]):
            long = too_long(b0 - a0)
            split += long
            inner = [a0 + k for k in _cut_points(doc.text, sent.tokens[a0:b0], cap)] if long else []
            bounds = [a0, *inner, b0]
            for i, (a, b) in enumerate(zip(bounds, bounds[1:]), 1):
                shift = _first_id(rows[a]) - 1
                sents.append([r | {"id": _shift_id(r["id"], shift)} for tok in rows[a:b] for r in tok])
                comments.append([*keep, f"# {SPLIT_COMMENT} = {i}/{len(bounds) - 1}"] if long else list(keep))
    new = stanza.Document(sents, text=doc.text, comments=comments)
    new.kg_split_sentences = split
    return new


def _first_id(rows: list[dict]) -> int:
    rid = rows[0]["id"]
    return rid[0] if isinstance(rid, tuple) else rid


def _shift_id(rid: int | tuple, shift: int) -> int | tuple:
    return tuple(x - shift for x in rid) if isinstance(rid, tuple) else rid - shift


def text_sections(text: str, max_chars: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """``text`` as consecutive ``(start, end)`` character ranges of at most ``max_chars``, covering it all;
    each cut at the last paragraph break of the range's second half, else line break, else sentence end,
    else whitespace (a hard cut only in text with none of these)."""
    out, start, n = [], 0, len(text)
    while n - start > max_chars:
        lo, hi = start + max_chars // 2, start + max_chars
        cut = -1
        for sep in ("\n\n", "\n", ". ", "? ", "! ", " ", "\t"):
            k = text.rfind(sep, lo, hi)
            if k >= 0:
                cut = k + len(sep)
                break
        cut = cut if cut > start else hi
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def shift_offsets(doc: stanza.Document, offset: int) -> stanza.Document:
    """Move every character offset of ``doc`` (tokens, words, entity spans) by ``offset``, in place: a
    section annotated alone then refers to the whole article's text."""
    if not offset:
        return doc
    for sent in doc.sentences:
        for tok in sent.tokens:
            if tok._start_char is not None:
                tok._start_char += offset
                tok._end_char += offset
            for w in tok.words:
                if w._start_char is not None:
                    w._start_char += offset
                    w._end_char += offset
        for ent in sent.ents:
            ent._start_char += offset
            ent._end_char += offset
    return doc  # doc.ents holds the sentences' span objects: shifted above


def split_sentence_count(doc: stanza.Document) -> int:
    """How many sentences of ``doc`` were cut by :func:`split_long_sentences` (0 for none); works on a
    document read back from kg's cache too (the pieces keep their ``# kg_split = i/n`` comments)."""
    if hasattr(doc, "kg_split_sentences"):
        return doc.kg_split_sentences
    return sum(1 for s in doc.sentences for c in s.comments if c.replace(" ", "").startswith(f"#{SPLIT_COMMENT}=1/"))


def _skip_empty_texts(pipeline: stanza.Pipeline) -> None:
    """stanza's tokenizer fails on an empty text when a ``tokenize_postprocessor`` is set (it reads an unset
    name, stanza 1.15): an empty document is returned as it is, with no sentences, and the others run."""
    import stanza

    run = type(pipeline).process.__get__(pipeline)

    def process(doc: Any, processors: Any = None) -> Any:
        docs = doc if isinstance(doc, list) else [doc]
        if not all(isinstance(d, (str, stanza.Document)) for d in docs):
            return run(doc, processors)  # pretokenized input: lists of words
        docs = [stanza.Document([], text=d) if isinstance(d, str) else d for d in docs]
        if all(d.text for d in docs):
            return run(doc, processors)
        full = [d for d in docs if d.text]
        done = iter(run(full, processors) if full else [])
        out = [next(done) if d.text else d for d in docs]
        return out if isinstance(doc, list) else out[0]

    pipeline.process = process
    pipeline.kg_skips_empty_texts = True


def cap_sentence_length(pipeline: stanza.Pipeline, max_words: int | None = MAX_SENTENCE_WORDS) -> stanza.Pipeline:
    """Make ``pipeline`` (its ``__call__``, ``process`` and ``bulk_process``) tokenize first, end sentences at
    a line break after a sentence end and cut those longer than ``max_words`` (None: no cap;
    :func:`split_long_sentences`), then run its other processors: memory per document stays bounded whatever
    the input. Documents without such a sentence go through exactly the same processor calls as before. A
    call naming its own ``processors`` is left alone."""
    if "tokenize" not in pipeline.processors:
        return pipeline
    from stanza.pipeline.registry import PIPELINE_NAMES

    run = pipeline.__dict__.get("process") or type(pipeline).process.__get__(pipeline)

    def process(doc: Any, processors: Any = None) -> Any:
        if processors is not None:
            return run(doc, processors)
        import stanza

        if isinstance(doc, list) and doc and all(isinstance(d, stanza.Document) for d in doc):
            # one document at a time: stanza's bulk tokenizer joins the texts and, at some offsets of the joined
            # text, splits a document's last word in two ('Nusron Wahi' + 'd')
            doc = [split_long_sentences(run(d, ["tokenize"]), max_words) for d in doc]
        else:
            doc = run(doc, ["tokenize"])
            doc = [split_long_sentences(d, max_words) for d in doc] if isinstance(doc, list) \
                else split_long_sentences(doc, max_words)
        rest = [p for p in PIPELINE_NAMES if p in pipeline.processors and p not in ("tokenize", "mwt")]
        return run(doc, rest) if rest else doc

    pipeline.process = process
    pipeline.kg_max_sentence_words = max_words
    return pipeline


def annotate(pipeline: stanza.Pipeline, texts: Iterable[str], batch_size: int = 32) -> list[stanza.Document]:
    """Annotate many articles, ``batch_size`` documents per stanza bulk call.

    Bulk processing lets each processor batch sentences across documents (fuller batches, far less
    per-call overhead than one ``pipeline(text)`` per article) while bounding memory.
    """
    import stanza

    out: list[stanza.Document] = []
    chunk: list[stanza.Document] = []
    for text in texts:
        chunk.append(stanza.Document([], text=text))
        if len(chunk) >= batch_size:
            out.extend(pipeline.bulk_process(chunk))
            limit_lemma_cache(pipeline)
            chunk = []
    if chunk:
        out.extend(pipeline.bulk_process(chunk))
        limit_lemma_cache(pipeline)
    return out
