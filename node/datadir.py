"""One node per data directory: an flock on DATA/LOCK.

A node holds it exclusively while it serves the directory (and records its pid in it, for the
message of whoever is refused); an offline auditor holds it shared while it reads. The kernel
drops it when the holder exits, however it exits (even kill -9).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pathlib


LOCK_FILE = "LOCK"  # in the data directory: flocked by the node serving it, and holding its pid


class DataDirBusy(Exception):
    """Another process holds the lock of a data directory."""

    def __init__(self, data_dir: pathlib.Path, pid: int | None) -> None:
        super().__init__(f"{data_dir} is locked by {f'process {pid}' if pid else 'another process'}")
        self.data_dir = data_dir
        self.pid = pid  # the node holding it, when its pid is recorded and it is alive


class DataDirLock:
    """An flock on DATA/LOCK: exclusive while a node serves the directory, shared while an offline
    auditor reads it. The kernel drops it when the holder exits, however it exits (even kill -9)."""

    def __init__(self, path: pathlib.Path, file, shared: bool) -> None:
        self.path = path
        self.shared = shared
        self._file = file

    @classmethod
    def take(cls, data_dir: pathlib.Path, *, shared: bool = False) -> DataDirLock | None:
        """Take the lock without waiting; raise DataDirBusy if another process holds it.

        Exclusive creates the lock file. Shared (a reader's) opens it read-only and never creates
        it: None when there is none, i.e. no node has served the directory since it had one."""
        path = pathlib.Path(data_dir) / LOCK_FILE
        if shared:
            try:
                file = open(path, "rb")
            except FileNotFoundError:
                return None
        else:
            file = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o644), "r+b")
        try:
            fcntl.flock(file, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _holder_pid(file)
            file.close()
            raise DataDirBusy(path.parent, pid) from None
        except BaseException:
            file.close()
            raise
        return cls(path, file, shared)

    def record_pid(self) -> None:
        """Write this process's pid into the lock file, for the message of whoever is refused."""
        self._file.seek(0)
        self._file.truncate()
        self._file.write(f"{os.getpid()}\n".encode())
        self._file.flush()

    def release(self) -> None:
        if self._file is None:
            return
        file, self._file = self._file, None
        try:
            if not self.shared:
                with contextlib.suppress(OSError):
                    file.truncate(0)  # no stale pid for the next refusal to name
        finally:
            file.close()  # drops the flock


def _holder_pid(file) -> int | None:
    """The pid recorded in a lock file, if that process is alive."""
    try:
        file.seek(0)
        pid = int(file.read(32).decode("ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    return pid


def busy_message(busy: DataDirBusy) -> str:
    if busy.pid:
        return f"{busy.data_dir} is in use by another node (pid {busy.pid}): a data directory serves one node at a time"
    return f"{busy.data_dir} is in use by another process (a node, or an offline audit): a data directory serves one node at a time"


def lock_data_dir(data_dir: pathlib.Path, record_pid: bool = True) -> DataDirLock:
    """The node's exclusive lock on its data directory (created if missing); SystemExit if another
    node holds it, or the directory cannot be made."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = DataDirLock.take(data_dir)
    except DataDirBusy as busy:
        raise SystemExit(busy_message(busy)) from None
    except OSError as error:
        raise SystemExit(f"{data_dir}: cannot use as a data directory: {error.strerror or error}") from None
    if record_pid:
        try:
            lock.record_pid()
        except OSError as error:
            lock.release()
            raise SystemExit(f"{data_dir}: cannot write its lock file: {error.strerror or error}") from None
    return lock
