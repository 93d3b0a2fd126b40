"""Reading the JSON Lines files of reference data, the same way for every check.

The certainty ratings (:mod:`~framelens.validation.certainty`), the
press-release claim pairs (:mod:`~framelens.validation.claims`) and the
HealthNewsReview.org releases (:mod:`~framelens.validation.hnr`) are JSON
Lines files; :func:`read_records` reads each of them and names the file and
line of any problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from framelens.errors import CorpusError

__all__ = ["read_records"]


def read_records(path: str | Path, fields: Sequence[str], what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON objects of a JSON Lines file of evaluation data, with their line numbers.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file.
    fields : sequence of str
        Fields every object must have.
    what : str
        What the file holds, for the message when it is missing.

    Yields
    ------
    (int, dict)
        Line number (from 1) and object; blank lines are skipped.

    Raises
    ------
    CorpusError
        The file is missing, a line is not JSON or not an object, or lacks
        one of ``fields`` (``<path> line <n>: ...``).
    """
    p = Path(path)
    if not p.is_file():
        raise CorpusError(f"{p}: {what} not found")
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{p} line {n}: not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise CorpusError(f"{p} line {n}: not a JSON object")
            missing = [f for f in fields if f not in rec]
            if missing:
                raise CorpusError(f"{p} line {n}: missing field(s) {missing}")
            yield n, rec
