"""The body of a document typed as plain text, and back.

Writing rules (shown next to the form):
- a blank line separates paragraphs;
- a line starting with a label — "1.", "1.1.", "a)", "đ)", "-" or "+" — starts a numbered item;
  the lines after it, up to the next label or blank line, continue it;
- a paragraph starting with "# " is a heading (a bold centred line, e.g. "Điều 1.");
- **bold** and *italic* mark runs of text.

The result is the JSON body of documents.models.Document: a list of blocks
{"kind": "paragraph" | "item" | "heading", ["label": "1.",] "runs": [{"text", "bold", "italic"}]}.
A body drafted by code (a relay dispatch, a review's summary report) is built with run(), paragraph(), item()
and heading() — the one place that knows the shape.
"""

import re
import unicodedata

from lib.vntext import nfc

_BLANK_LINE = re.compile(r"\n\s*\n")
_ITEM = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*\.|[a-zđ]\)|[-+])\s+(.*)$")
_HEADING = "# "
_MARKER = re.compile(r"(\*\*|\*)")
BLOCK_KINDS = {"paragraph", "item", "heading"}


def run(text: str, *, bold: bool = False, italic: bool = False) -> dict:
    """One run of text of a block (NFC; its spaces are kept: they join it to the runs beside it)."""
    return {"text": unicodedata.normalize("NFC", text), "bold": bold, "italic": italic}


def _runs(parts) -> list[dict]:
    return [run(part) if isinstance(part, str) else part for part in parts]


def paragraph(*parts) -> dict:
    """A paragraph of runs; a plain string is a plain run."""
    return {"kind": "paragraph", "runs": _runs(parts)}


def item(label: str, *parts) -> dict:
    """A numbered item ("1.", "a)", "-") of runs; a plain string is a plain run."""
    return {"kind": "item", "label": label, "runs": _runs(parts)}


def heading(*parts) -> dict:
    """A heading (a bold centred line, e.g. "Điều 1.") of runs; a plain string is a plain run."""
    return {"kind": "heading", "runs": _runs(parts)}


def parse_runs(text: str) -> list[dict]:
    """Runs of `text` with **bold** and *italic* markers; an unpaired marker is kept as written."""
    tokens = _MARKER.split(text)
    paired = {marker: tokens.count(marker) // 2 * 2 for marker in ("**", "*")}
    seen = {"**": 0, "*": 0}
    runs, bold, italic = [], False, False
    for token in tokens:
        if token in seen and seen[token] < paired[token]:
            seen[token] += 1
            bold, italic = (not bold, italic) if token == "**" else (bold, not italic)
            continue
        if not token:
            continue
        if runs and (runs[-1]["bold"], runs[-1]["italic"]) == (bold, italic):
            runs[-1]["text"] += token
        else:
            runs.append({"text": token, "bold": bold, "italic": italic})
    return runs


def _block(kind: str, text: str, label: str = "") -> dict:
    runs = parse_runs(nfc(text))
    if kind == "item":
        return item(label, *runs)
    return heading(*runs) if kind == "heading" else paragraph(*runs)


def _chunk_blocks(chunk: str) -> list[dict]:
    """The blocks of one blank-line-separated chunk: a leading paragraph, then one item per label."""
    if chunk.startswith(_HEADING):
        return [_block("heading", chunk[len(_HEADING) :])]
    parts: list[list] = []  # [kind, label, [lines]]
    for line in chunk.splitlines():
        line = line.strip()
        if match := _ITEM.match(line):
            parts.append(["item", match[1], [match[2]]])
        elif parts:
            parts[-1][2].append(line)
        else:
            parts.append(["paragraph", "", [line]])
    return [_block(kind, " ".join(lines), label) for kind, label, lines in parts]


def parse_body(text: str | None) -> list[dict]:
    """The blocks of a body typed as text (see the module's rules); empty text gives []."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    blocks = []
    for chunk in _BLANK_LINE.split(text):
        blocks.extend(block for block in _chunk_blocks(chunk.strip()) if block["runs"])
    return blocks


def runs_to_text(runs: list[dict]) -> str:
    parts = []
    for run in runs:
        text = run.get("text", "")
        if run.get("italic"):
            text = f"*{text}*"
        if run.get("bold"):
            text = f"**{text}**"
        parts.append(text)
    return "".join(parts)


def body_to_text(blocks: list[dict]) -> str:
    """The text that parse_body() reads back into the same blocks."""
    lines = []
    for block in blocks:
        text = runs_to_text(block.get("runs", []))
        if block.get("kind") == "item":
            text = f"{block.get('label', '-')} {text}"
        elif block.get("kind") == "heading":
            text = f"{_HEADING}{text}"
        lines.append(text)
    return "\n\n".join(lines)


def validate_body(blocks) -> list[str]:
    """The problems of a JSON body (empty when it is well formed)."""
    if not isinstance(blocks, list):
        return ["the body must be a list of blocks"]
    problems = []
    for index, block in enumerate(blocks, start=1):
        if not isinstance(block, dict) or block.get("kind") not in BLOCK_KINDS:
            problems.append(f"block {index}: kind must be one of {sorted(BLOCK_KINDS)}")
            continue
        runs = block.get("runs")
        if not isinstance(runs, list) or not all(isinstance(r, dict) and "text" in r for r in runs):
            problems.append(f"block {index}: runs must be a list of {{'text', 'bold', 'italic'}}")
    return problems
