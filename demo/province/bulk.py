"""Writing many rows: bulk_create in batches behind a text progress bar on stderr, and historical "
"timestamps."""

import contextlib
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

BATCH = 5_000
BAR = 30


class Progress:
    """A text bar: "Cán bộ          [#########.........]  45%  22.500/50.000"; redrawn at most 5 times a
    second on a terminal, written once at the end elsewhere (logs, tests)."""

    def __init__(self, label: str, total: int, stream=None):
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.live = getattr(self.stream, "isatty", lambda: False)()
        self.shown, self.started = 0.0, time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        if self.live and time.monotonic() - self.shown > 0.2:
            self._draw("\r")
            self.shown = time.monotonic()

    def close(self) -> None:
        self._draw("\r" if self.live else "")
        self._write(f"  {time.monotonic() - self.started:.1f} s\n".replace(".", ","))

    def _draw(self, lead: str) -> None:
        share = min(self.done / self.total, 1.0) if self.total else 1.0
        bar = "#" * int(share * BAR)
        self._write(
            f"{lead}{self.label:<30} [{bar:<{BAR}}] {share:4.0%}  {grouped(self.done)}/{grouped(self.total)}"
        )

    def _write(self, text: str) -> None:
        if hasattr(self.stream, "ending"):  # a command's OutputWrapper, which would end every write with \n
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()


def grouped(number: int) -> str:
    """1350 → "1.350": Vietnamese digit grouping."""
    return f"{number:,}".replace(",", ".")


def normalised(rows):
    """The rows, each brought to its stored form as save() would (NormalisedModel.normalise: NFC text,
    derived columns) — bulk_create does not call save()."""
    for row in rows:
        row.normalise()
        yield row


def chunks(iterable, size: int = BATCH):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ahead(iterable, size: int = BATCH):
    """chunks() built one batch ahead in a second thread, while the database writes the current one (the
    thread releases the interpreter while it waits). Only for rows built without a query: a query from the
    other thread would run on another connection, outside the transaction."""
    iterator = iter(iterable)

    def take() -> list:
        return list(islice(iterator, size))

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(take)
        while chunk := future.result():
            future = pool.submit(take)
            yield chunk


def insert(
    model, rows, *, label: str, total: int, stream=None, keep: bool = False, saved=None, build_ahead=False
) -> list:
    """bulk_create `rows` (an iterable of unsaved instances, built lazily) in batches; returns them with their
    primary keys when `keep`, else an empty list (the rows are dropped batch by batch, after `saved(chunk)`
    has seen them with their keys). `build_ahead`: see ahead()."""
    kept, progress = [], Progress(label, total, stream)
    for chunk in (ahead if build_ahead else chunks)(rows):
        model.objects.bulk_create(chunk, batch_size=BATCH)
        progress.advance(len(chunk))
        if saved is not None:
            saved(chunk)
        if keep:
            kept.extend(chunk)
    progress.close()
    return kept


@contextlib.contextmanager
def dated(model, *names: str):
    """Let bulk_create write the given auto_now_add / auto_now columns as set on the instances (history: an
    activity row of 2019 is dated 2019). Only in this process, only while the block runs."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
