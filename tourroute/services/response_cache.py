"""Rendered answers kept by key: in this process, in Redis for every worker, else on disk.

Keys name everything the answer depends on (the catalogue's data version, the language, the
request, the code's build), so nothing is ever invalidated: a publish changes the version and
old entries simply stop being asked for and expire. Look-ups go from the nearest store out:
a bounded in-process LRU, then Redis when configured (skipped while it is down — the answer is
then made locally), then — for *durable* entries such as exports, and only without Redis —
files in the instance folder.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from tourroute import redis_store

LOCAL_BYTES = 64 * 1024 * 1024
REDIS_TTL_S = 7 * 24 * 3600
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Entry:
    body: bytes
    headers: tuple[tuple[str, str], ...]


def _build_id() -> str:
    """Changes with any template or module, so a deploy never serves an older rendering."""
    stamp = hashlib.sha256()
    for folder in (_PACKAGE, _PACKAGE.parent / "templates"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html"):
                stat = path.stat()
                stamp.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return stamp.hexdigest()[:12]


BUILD = _build_id()


class _Local:
    """An LRU bounded by the bytes it holds, shared by a worker's threads."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        with self.lock:
            if key in self.entries or len(entry.body) > self.limit // 4:
                return
            self.entries[key] = entry
            self.size += len(entry.body)
            while self.size > self.limit:
                _, old = self.entries.popitem(last=False)
                self.size -= len(old.body)


_local = _Local(LOCAL_BYTES)


def _disk_path(key: str) -> Path:
    name = hashlib.sha256(key.encode()).hexdigest()
    return Path(current_app.instance_path) / "cache" / name[:2] / name


def _from_disk(key: str) -> Entry | None:
    path = _disk_path(key)
    if not path.exists():
        return None
    entry = pickle.loads(path.read_bytes())  # our own files, written below
    return entry if isinstance(entry, Entry) else None


def _to_disk(key: str, entry: Entry) -> None:
    path = _disk_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(entry))
    partial.replace(path)  # atomic: a reader never sees half a file


def _full_key(kind: str, key: str) -> str:
    return f"tourroute:cache:{BUILD}:{kind}:{key}"


def lookup(kind: str, key: str, *, durable: bool = False) -> Entry | None:
    """The stored entry for ``key``, from the nearest store that has it, or None."""
    full_key = _full_key(kind, key)
    entry = _local.get(full_key)
    if entry is None and redis_store.configured():
        blob = redis_store.get_bytes(full_key)
        entry = pickle.loads(blob) if blob is not None else None  # our own entries
    elif entry is None and durable:
        entry = _from_disk(full_key)
    if entry is not None:
        _local.put(full_key, entry)
    return entry


def store(kind: str, key: str, entry: Entry, *, durable: bool = False) -> None:
    full_key = _full_key(kind, key)
    if redis_store.configured():
        redis_store.set_bytes(full_key, pickle.dumps(entry), ttl_s=REDIS_TTL_S)
    elif durable:
        _to_disk(full_key, entry)
    _local.put(full_key, entry)
