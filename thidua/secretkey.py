"""The installation's own secret key, when none is configured: generated once, kept in the data directory.

No key written in the repository is ever used. The first process to start writes a random key to
DATA_DIR/secret_key (mode 0600, owner only) and every later start — and every other process started at the
same moment — reads that same file. The file appears whole or not at all: the key is written to a private
temporary file first and then hard-linked to its name, which fails if another process got there first.
Several application servers on different machines must share one configured key instead (THIDUA_SECRET_KEY).
"""

import contextlib
import os
import secrets
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

FILE_NAME = "secret_key"
MIN_LENGTH = 50  # Django's own check (security.W009) asks for at least 50 characters


def installation_key(data_dir: Path) -> str:
    """The key in DATA_DIR/secret_key, created on first use."""
    path = Path(data_dir) / FILE_NAME
    if not path.exists():
        _create(path)
    return _read(path)


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_urlsafe(64) + "\n")
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):  # another process wrote its key first: that one is used
            os.link(temporary, path)  # atomic, and never replaces an existing file
    finally:
        temporary.unlink(missing_ok=True)


def _read(path: Path) -> str:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ImproperlyConfigured(
            f"{path} may be read by other users (mode {stat.filemode(mode)}): run `chmod 600 {path}`"
        )
    key = path.read_text(encoding="ascii").strip()
    if len(key) < MIN_LENGTH:
        raise ImproperlyConfigured(
            f"{path} holds no usable secret key: delete it and a new one is generated at the next start"
        )
    return key
