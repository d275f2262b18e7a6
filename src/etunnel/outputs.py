"""Output files and folders: checked before any work, written atomically, never overwritten silently.

Every file etunnel writes goes through :func:`atomic_file` (one file) or
:func:`atomic_directory` (a report folder):

- the destination is checked first (:func:`check_output_file`,
  :func:`check_output_directory`), so a bad path fails in milliseconds with
  one message naming it, not after minutes of work;
- an existing file is replaced only with ``force=True`` (``--force``);
- the content is written to a temporary name in the same folder and renamed
  into place with :func:`os.replace`, so an error or Ctrl-C leaves no partial
  file behind;
- files get the user's normal mode, ``0o666 & ~umask`` (folders
  ``0o777 & ~umask``), not the ``0600`` of :func:`tempfile.mkstemp`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from etunnel.checks import InputError


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _label(path, option: str) -> str:
    return f"{option} {str(path)!r}" if option else repr(str(path))


def _as_path(path, option: str) -> Path:
    if path is None or str(path).strip() == "":
        raise InputError(f"{option or 'output path'}: empty path; give a file or folder name")
    if "\x00" in str(path):
        raise InputError(f"{_label(path, option)}: path contains a NUL character")
    return Path(path)


def _check_folder(folder: Path, path: Path, option: str) -> None:
    if not folder.exists():
        raise InputError(f"{_label(path, option)}: folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise InputError(f"{_label(path, option)}: {str(folder)!r} is not a folder")
    try:  # the only reliable test (root, read-only mounts, /proc): create a file and remove it
        handle, probe = tempfile.mkstemp(prefix=".etunnel-probe.", dir=folder)
    except OSError as exc:
        raise InputError(f"{_label(path, option)}: folder {str(folder)!r} is not writable "
                         f"({exc.strerror or exc})") from None
    os.close(handle)
    os.unlink(probe)


def check_output_location(path, *, option: str = "--out") -> Path:
    """Check that ``path`` can be created in a writable folder; return it.

    For outputs that manage what already exists at ``path`` themselves (a
    resumable sweep store checks its own spec): only the name and the folder
    are checked here, with the same messages as :func:`check_output_file`.
    """
    path = _as_path(path, option)
    _check_folder(path.parent, path, option)
    return path


def check_output_file(path, *, force: bool = False, option: str = "--out",
                      suffixes: tuple[str, ...] | None = None) -> Path:
    """Check that ``path`` can be written as a new file (or replaced, with ``force``); return it.

    Raises
    ------
    InputError
        Naming the path: empty name, unsupported suffix, missing or
        unwritable folder, an existing folder of that name, or an existing
        file without ``force``.
    """
    path = _as_path(path, option)
    if path.is_dir():
        raise InputError(f"{_label(path, option)} is an existing folder; give a file name")
    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise InputError(f"{_label(path, option)}: unsupported file type {path.suffix or '(none)'!r}; "
                         f"use {', '.join(suffixes)}")
    if path.exists() or path.is_symlink():
        if not force:
            raise InputError(f"{_label(path, option)} exists; pass --force to overwrite it")
        if not path.is_file():
            raise InputError(f"{_label(path, option)} exists and is not a regular file")
    _check_folder(path.parent, path, option)
    return path


def check_output_directory(path, *, force: bool = False, option: str = "--out") -> Path:
    """Check that ``path`` can receive a report folder; return it.

    A new folder, or an existing empty one, is fine. An existing folder with
    files in it needs ``force``; files of the same name are then replaced,
    other files are left alone.
    """
    path = _as_path(path, option)
    if path.exists() or path.is_symlink():
        if not path.is_dir():
            raise InputError(f"{_label(path, option)} exists and is not a folder")
        if not force and any(path.iterdir()):
            raise InputError(f"{_label(path, option)} exists and is not empty; pass --force to write into it "
                             "(files of the same name are replaced)")
    _check_folder(path.parent, path, option)
    return path


def _writing_error(path: Path, exc: OSError, option: str) -> InputError:
    reason = exc.strerror or str(exc)
    return InputError(f"cannot write {_label(path, option)}: {reason}")


@contextmanager
def atomic_file(path, *, force: bool = False, option: str = "--out"):
    """Yield a temporary path next to ``path``; move it to ``path`` if the block succeeds.

    The temporary name keeps the suffix of ``path`` so that writers choosing
    a format from the extension (matplotlib, xarray) still work. Any
    exception, ``KeyboardInterrupt`` included, removes the temporary file.
    """
    path = check_output_file(path, force=force, option=option)
    folder = path.parent
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise _writing_error(path, exc, option) from None
    os.close(handle)
    try:
        yield Path(temp)
        if not force and path.exists():
            raise InputError(f"{_label(path, option)} appeared while writing; pass --force to overwrite it")
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        raise _writing_error(path, exc, option) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


@contextmanager
def atomic_directory(path, *, force: bool = False, option: str = "--out"):
    """Yield a temporary folder next to ``path``; move its content into ``path`` if the block succeeds.

    If ``path`` does not exist, the finished folder is renamed into place in
    one step. Otherwise (an empty folder, or any folder with ``force``) each
    file is moved in with :func:`os.replace`. On any exception, Ctrl-C
    included, the temporary folder is removed and ``path`` is left as it was.
    """
    path = check_output_directory(path, force=force, option=option)
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    except OSError as exc:
        raise _writing_error(path, exc, option) from None
    try:
        yield temp
        mask = _umask()
        for item in [temp, *temp.rglob("*")]:
            os.chmod(item, (0o777 if item.is_dir() else 0o666) & ~mask)
        if not path.exists():
            os.rename(temp, path)
        else:
            _merge(temp, path)
    except OSError as exc:
        raise _writing_error(path, exc, option) from None
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


def _merge(source: Path, target: Path) -> None:
    for item in sorted(source.iterdir()):
        dest = target / item.name
        if item.is_dir():
            dest.mkdir(exist_ok=True)
            _merge(item, dest)
        else:
            os.replace(item, dest)
