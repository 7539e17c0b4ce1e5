"""The settings of one build, carried whole from the CLI (or bench, tests, notebooks) to :func:`kg.build.build`.

Every ``kg build`` option is a field here and the CLI builds one :class:`BuildConfig` from its options
(``kg/cli/build.py``), so an option cannot reach the command line without reaching the library;
``tests/test_cli_options.py`` checks each one's effect through the real ``kg`` command.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BuildConfig:
    out: Path = Path("OUT")
    #: also load into this store, e.g. ``oxigraph:DATA/`` (None: files only)
    store: str | None = None
    #: articles per stanza batch
    batch_size: int = 16
    #: worker processes; 0 = auto (2 on 2+ cores: 2 x 1 torch thread beat 1 x 2 by ~35 %, bench/build.py)
    workers: int = 0
    #: torch threads per worker; None = cores / workers
    torch_threads: int | None = None
    #: dask.distributed scheduler address (``tcp://host:8786``) or a ``Client``; None = run here
    dask: Any = None
    #: seconds to wait for the dask scheduler before the build fails (never a silent local build)
    dask_timeout: float = 10.0
    use_cache: bool = True
    #: cache folder (None: $KG_CACHE_DIR or the user cache dir)
    cache_dir: Path | None = None
    #: also write partitioned, sorted N-Quads to OUT/nquads/ (always on with dask)
    nquads: bool = False
    html: bool = True
    #: write an (empty) graph even when no article was built; otherwise such a build fails and leaves OUT as it was
    allow_empty: bool = False
    max_bytes: int = 20_000_000
    allow_private: bool = False
    #: curation file (CSV or Turtle: same-as / not-same-as / rename) that overrides entity resolution (kg.aliases)
    aliases: Path | None = None
    #: show library warnings (stanza's unsupported-language notice) and per-stage logs
    verbose: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "out", Path(self.out))
        if self.cache_dir is not None:
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        if self.aliases is not None:
            object.__setattr__(self, "aliases", Path(self.aliases))
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.workers < 0:
            raise ValueError(f"workers must be 0 (auto) or more, got {self.workers}")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")

    @property
    def n_workers(self) -> int:
        """Worker processes this build uses (auto resolved)."""
        return self.workers or min(2, os.cpu_count() or 1)

    @property
    def threads_per_worker(self) -> int:
        return self.torch_threads or max(1, (os.cpu_count() or 1) // self.n_workers)

    def with_(self, **changes: Any) -> BuildConfig:
        """A copy with some settings changed (unknown names are an error)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly settings, for report.json."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}  # not asdict: it deep-copies a dask Client
        return {k: (str(v) if isinstance(v, Path) else v if isinstance(v, (int, float, bool, str, type(None)))
                    else repr(v)) for k, v in d.items()}

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))
