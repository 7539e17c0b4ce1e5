"""A build's output folder, replaced as a whole: OUT is always entirely the previous build or entirely the new one.

Files are written into a staging folder beside OUT (same filesystem), a ``manifest.json`` listing every file
with its SHA-256 is written last, and the staging folder is swapped with OUT in one step (Linux
``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, which a later build completes if it was interrupted
between them). A SIGKILL at any point leaves OUT as it was, plus a staging folder that the next build removes.
Files in OUT that kg did not write are carried over into the new folder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import glob
import hashlib
import json
import os
import shutil
import signal
import tempfile
from pathlib import Path

MANIFEST = "manifest.json"
#: what kg build writes; anything else found in OUT belongs to the user and is kept
KG_FILES = frozenset({"graph.trig", "graph.ttl", "graph.html", "report.json", MANIFEST, "nquads"})
_STAGING = ".kg-new-"
_OLD = ".kg-old-"


_HITS: dict[str, int] = {}


def checkpoint(stage: str) -> None:
    """Test hook: ``KG_TEST_KILL_AT=<stage>`` (or ``<stage>#N``: its N-th time) makes the process SIGKILL
    itself there, so tests can kill a build at a known point (tests/test_hardening_output.py)."""
    want = os.environ.get("KG_TEST_KILL_AT")
    if not want:
        return
    name, _, nth = want.partition("#")
    if name == stage:
        _HITS[stage] = _HITS.get(stage, 0) + 1
        if _HITS[stage] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False  # filesystem or kernel without it: fall back
    raise OSError(err, os.strerror(err), str(b))


def _tag(out: Path) -> str:
    return f".{out.name}"


def recover(out: Path) -> None:
    """Finish or undo what an interrupted build left beside ``out``: restore OUT if a swap stopped halfway,
    remove staging and old folders of builds that are no longer running."""
    parent = out.parent
    if not parent.is_dir():
        return
    tag = glob.escape(_tag(out))
    for d in sorted(parent.glob(tag + _OLD + "*")) + sorted(parent.glob(tag + _STAGING + "*")):
        try:
            pid = int(d.name.rsplit("-", 2)[-2])
        except (ValueError, IndexError):
            continue
        if _alive(pid) and pid != os.getpid():
            continue
        if _OLD in d.name and not out.exists():
            os.rename(d, out)  # the swap stopped between its two renames: the previous build comes back
        else:
            shutil.rmtree(d, ignore_errors=True)
    if out.is_dir():  # per-file temporaries of kg versions before the whole-folder swap
        for t in out.glob(".*.tmp"):
            t.unlink(missing_ok=True)


class OutputSet:
    """``with OutputSet(OUT) as o: write o.path("graph.trig") ...; o.commit()`` (no commit: OUT untouched)."""

    def __init__(self, out: Path | str) -> None:
        out = Path(out)
        self.out = out.resolve() if out.is_symlink() else out.absolute()
        if self.out.exists() and not self.out.is_dir():
            raise NotADirectoryError(f"output {out} exists and is not a folder")
        self.staging: Path | None = None

    def __enter__(self) -> OutputSet:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out)
        self.staging = Path(tempfile.mkdtemp(prefix=f"{_tag(self.out)}{_STAGING}{os.getpid()}-",
                                             dir=self.out.parent))
        os.chmod(self.staging, 0o777 & ~_umask())
        return self

    def __exit__(self, *exc: object) -> None:
        if self.staging is not None and self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def path(self, name: str) -> Path:
        assert self.staging is not None, "use OutputSet as a context manager"
        p = self.staging / name
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def final(self, name: str) -> Path:
        return self.out / name

    def commit(self) -> None:
        """Manifest, then swap the staging folder in; the previous output goes in one piece."""
        assert self.staging is not None
        staging = self.staging
        if self.out.is_dir():
            for entry in self.out.iterdir():
                if entry.name not in KG_FILES and not (staging / entry.name).exists():
                    _carry(entry, staging / entry.name)
        files = sorted(p for p in staging.rglob("*") if p.is_file())
        manifest = {"files": {str(p.relative_to(staging)): {"bytes": p.stat().st_size, "sha256": _sha256(p)}
                              for p in files if p.name != MANIFEST and p.relative_to(staging).parts[0] in KG_FILES}}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        for p in [*files, staging / MANIFEST]:
            os.chmod(p, 0o666 & ~_umask())
        checkpoint("before-swap")
        if not self.out.exists():
            os.rename(staging, self.out)
        elif _exchange(staging, self.out):
            checkpoint("after-swap")
            shutil.rmtree(staging, ignore_errors=True)  # staging now holds the previous output
        else:
            old = self.out.parent / f"{_tag(self.out)}{_OLD}{os.getpid()}-{staging.name[-8:]}"
            os.rename(self.out, old)
            checkpoint("between-renames")
            os.rename(staging, self.out)
            shutil.rmtree(old, ignore_errors=True)
        self.staging = None


def _carry(src: Path, dst: Path) -> None:
    """Keep a user's file across the swap: a hard link where possible (no copy), else a copy."""
    if src.is_dir() and not src.is_symlink():
        shutil.copytree(src, dst, symlinks=True, copy_function=_link_or_copy)
    else:
        _link_or_copy(str(src), str(dst))


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _sha256(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

