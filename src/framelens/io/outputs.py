"""Write output files so that a failed run never leaves a damaged file behind.

Every file the command line writes (``framelens score`` scores and
evidence, ``framelens compare -o``) goes through :func:`atomic_output`
(reports are built in a staging folder and swapped in as one set, see
:func:`framelens.report.build.build_reports`):
the data are streamed to a temporary file *in the target's folder*, named
``.<name>.framelens-tmp-<pid>-<random>``, which is renamed onto the target
(:func:`os.replace`, atomic on POSIX and Windows) only once it is complete.
So when a run stops early — bad input at row 3,001, Ctrl-C, a full disk, an
exception — the previous output is still there, byte for byte, and the
temporary file is removed.

A process killed with ``SIGKILL`` (or a power cut) cannot clean up: its
temporary file stays, under the recognisable name above, never under the
target's name. The next :func:`atomic_output` for the same target removes
such stale files whose writing process is gone (:func:`remove_stale_temps`).

:func:`check_output_folder` tells, before any work starts, whether a file
can be created in the folder of an output.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from framelens.errors import FramelensError

__all__ = [
    "TEMP_MARKER",
    "atomic_output",
    "check_output_folder",
    "process_running",
    "remove_stale_temps",
    "temp_name_pattern",
    "write_error",
]

#: Part of the name of every temporary output file.
TEMP_MARKER = ".framelens-tmp-"


def temp_name_pattern(target: str | os.PathLike[str]) -> re.Pattern[str]:
    """Regular expression matching the temporary files of ``target`` (group 1: pid)."""
    name = Path(target).name
    return re.compile(rf"^\.{re.escape(name)}{re.escape(TEMP_MARKER)}(\d+)-[0-9a-f]+$")


def process_running(pid: int) -> bool:
    """Whether a process with this id exists (owned by anyone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: exists, owned by someone else
        return True
    return True


def remove_stale_temps(target: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files of ``target`` left by processes that no longer run.

    Parameters
    ----------
    target : str or path
        The output file whose leftovers are looked for (in its folder).

    Returns
    -------
    list of Path
        The files removed.
    """
    target = Path(target)
    pattern = temp_name_pattern(target)
    removed = []
    try:
        entries = list(os.scandir(target.parent if str(target.parent) else "."))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        # this process's own temporaries may be open in another writer
        if match is None or int(match.group(1)) == os.getpid() or process_running(int(match.group(1))):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def write_error(target: str | os.PathLike[str], exc: OSError) -> FramelensError:
    """A one-line error naming the output ``target`` for an ``OSError`` while writing it."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        reason = "no space left on device"
    return FramelensError(f"{target}: cannot write: {reason} (the previous file, if any, is unchanged)")


def check_output_folder(target: str | os.PathLike[str], *, create: bool = False) -> None:
    """Fail early, in one line, when a file cannot be written at ``target``.

    Parameters
    ----------
    target : str or path
        An output file; its folder must exist (or be creatable when
        ``create`` is true) and be writable.
    create : bool
        Treat ``target`` as a folder that may be created: its nearest
        existing ancestor must be a writable folder.

    Raises
    ------
    FramelensError
        Naming the folder and what is wrong.
    """
    target = Path(target)
    if create:
        folder = target
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if folder.exists() and not folder.is_dir():
            raise FramelensError(f"{target}: cannot create the output folder: {folder} is a file")
    else:
        if target.is_dir():
            raise FramelensError(f"{target}: is a folder; give a file name for the output")
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.exists():
            raise FramelensError(f"{target}: the output folder {folder} does not exist")
        if not folder.is_dir():
            raise FramelensError(f"{target}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FramelensError(f"{target}: the output folder {folder} is not writable")


class _Pending:
    """A temporary file waiting to be renamed onto its target."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.temp = target.with_name(f".{target.name}{TEMP_MARKER}{os.getpid()}-{secrets.token_hex(4)}")
        self.handle: BinaryIO | None = None

    def open(self) -> BinaryIO:
        remove_stale_temps(self.target)
        try:
            fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            raise write_error(self.target, exc) from exc
        self.handle = os.fdopen(fd, "wb")
        return self.handle

    def finish(self) -> None:
        """Flush, sync and close the temporary file (it is still not in place)."""
        try:
            if self.handle is not None and not self.handle.closed:
                self.handle.flush()
                os.fsync(self.handle.fileno())
                self.handle.close()
            _copy_mode(self.target, self.temp)
        except OSError as exc:
            self.discard()
            raise write_error(self.target, exc) from exc

    def rename(self) -> None:
        """Rename the finished temporary file onto the target."""
        try:
            os.replace(self.temp, self.target)
        except OSError as exc:
            self.discard()
            raise write_error(self.target, exc) from exc

    def commit(self) -> None:
        """Finish the temporary file and rename it onto the target."""
        self.finish()
        self.rename()

    def discard(self) -> None:
        """Close and remove the temporary file (errors ignored)."""
        if self.handle is not None and not self.handle.closed:
            try:
                self.handle.close()
            except (OSError, ValueError):
                pass
        try:
            os.unlink(self.temp)
        except OSError:
            pass


def _copy_mode(target: Path, temp: Path) -> None:
    """Give the new file the permissions the old one had (or the umask default)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open ``path`` for writing so that it is replaced only when complete.

    Parameters
    ----------
    path : str or path
        The output file. Its folder must exist.

    Yields
    ------
    file
        A binary file object on a temporary file beside ``path``. When the
        ``with`` block ends normally the file is synced and renamed onto
        ``path``; when it raises (including ``KeyboardInterrupt``), the
        temporary file is removed and ``path`` is left as it was.

    Raises
    ------
    FramelensError
        Naming ``path`` when the temporary file cannot be created or the
        final write fails (e.g. no space left on the device).

    Examples
    --------
    >>> with atomic_output("summary.csv") as handle:   # doctest: +SKIP
    ...     handle.write(b"source_id,mean\\n")
    """
    pending = _Pending(Path(path))
    handle = pending.open()
    try:
        yield handle
    except OSError as exc:
        pending.discard()
        raise write_error(pending.target, exc) from exc
    except BaseException:
        pending.discard()
        raise
    pending.commit()


class AtomicGroup:
    """Several outputs written side by side and renamed together at the end.

    Files are opened with :meth:`open`; :meth:`commit` renames them all onto
    their targets, :meth:`discard` removes them all. Used by ``framelens
    score`` so that the scores and the evidence file of one run appear
    together or not at all.
    """

    def __init__(self) -> None:
        self._pending: list[_Pending] = []

    def open(self, path: str | os.PathLike[str]) -> BinaryIO:
        """Create the temporary file of ``path`` and return it open for writing."""
        pending = _Pending(Path(path))
        handle = pending.open()
        self._pending.append(pending)
        return handle

    def temp_path(self, path: str | os.PathLike[str]) -> Path:
        """Reserve a temporary path for ``path`` (for writers that open files by name)."""
        pending = _Pending(Path(path))
        pending.open().close()
        self._pending.append(pending)
        return pending.temp

    def target_of(self, handle_or_path: object) -> Path | None:
        """The target of a temporary file handle or path opened here."""
        for pending in self._pending:
            if handle_or_path is pending.handle or handle_or_path == pending.temp:
                return pending.target
        return None

    def commit(self) -> None:
        """Rename every temporary file onto its target (in opening order)."""
        try:
            for pending in self._pending:
                pending.finish()
            for pending in self._pending:
                pending.rename()
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove every temporary file not yet renamed."""
        for pending in self._pending:
            pending.discard()
        self._pending = []
