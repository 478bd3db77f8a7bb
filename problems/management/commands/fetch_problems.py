"""Download a public problem set, record its hashes, and import it: the bank from scratch.

The student project began with a download from Kaggle and an upload of the raw
files; Mockmate imported well but only files a person already had. This
command downloads LeetCodeDataset from the Hugging Face Hub (a pinned revision
by default) or Kaggle's leetcode-solutions with the user's own token, writes a
manifest of the files' hashes beside them, optionally copies them to a bucket,
and hands them to `ingest_problems`. The work is in `mltools.data.fetch`;
a failed download imports nothing, so the bank stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mltools import storage
from mltools.data import fetch, sources


class Command(BaseCommand):
    help = (
        "Download a problem set and import it: leetcodedataset (Hugging Face Hub, pinned "
        "revision unless --revision) or kaggle-leetcode (your Kaggle token: KAGGLE_USERNAME/"
        "KAGGLE_KEY or ~/.kaggle/kaggle.json). Files go to --to (default MOCKMATE_DATA_DIR/data/raw/SOURCE, i.e. var/data/raw/SOURCE; "
        "gs://bucket/prefix uploads them) with manifest.yaml listing their sha256."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        downloadable = [name for name, s in sources.SOURCES.items() if s.download is not None]
        parser.add_argument("source", choices=downloadable)
        parser.add_argument(
            "--revision",
            default=None,
            help="Hub commit, tag or branch (leetcodedataset; default: the pinned commit "
            f"{fetch.LEETCODEDATASET_REVISION[:12]}), or Kaggle dataset version number",
        )
        parser.add_argument(
            "--to",
            default=None,
            help="a local folder, or gs://bucket/prefix to upload the raw files "
            "(downloaded first to var/data/raw/SOURCE)",
        )
        parser.add_argument("--no-ingest", action="store_true", help="download only")
        parser.add_argument(
            "--enrich-from",
            default=None,
            metavar="DOOCS_INDEX_OR_CHECKOUT",
            help="passed to ingest_problems: a doocs/leetcode index or checkout",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="list what would be downloaded (the revision is resolved); download nothing",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["source"]
        to = options["to"]
        bucket = to if to is not None and storage.is_gs_url(to) else None
        local = Path(settings.MOCKMATE_DATA_DIR) / "data" / "raw" / name
        if to is not None and bucket is None:
            local = Path(to)
        progress = not options["no_progress"] and options["verbosity"] >= 1
        try:
            if bucket is not None:
                storage.parse_gs_url(bucket.rstrip("/") + "/")
            download = sources.get_source(name).download
            assert download is not None  # argparse's choices
            result = download(
                to=local,
                revision=options["revision"],
                progress=progress,
                dry_run=options["dry_run"],
            )
            self._report(result)
            if bucket is not None and not result.dry_run:
                result = fetch.upload(result, bucket)
                self.stdout.write(f"uploaded {len(result.uploaded)} files to {bucket.rstrip('/')}/")
        except (fetch.FetchError, storage.StorageError, sources.SourceError) as exc:
            raise CommandError(str(exc)) from None
        if options["no_ingest"] or result.dry_run:
            return
        for name in result.untracked_data_files():
            self.stdout.write(
                self.style.WARNING(
                    f"{result.data_path / name} is not from this download; imported too"
                )
            )
        call_command(
            "ingest_problems",
            source=result.source,
            path=str(result.data_path),
            enrich_from=options["enrich_from"],
            no_progress=not progress,
            verbosity=options["verbosity"],
            stdout=self.stdout,
        )

    def _report(self, result: fetch.FetchResult) -> None:
        size = sum(f.size for f in result.files) / 1e6
        at = f" at {result.revision}" if result.revision else ""
        if result.dry_run:
            listed = f": {len(result.files)} files ({size:.1f} MB)" if result.files else ""
            self.stdout.write(
                f"DRY RUN, nothing downloaded: would fetch {result.origin}{at} "
                f"into {result.folder}{listed}"
            )
            for file in result.files:
                self.stdout.write(f"  {file.path} ({file.size} bytes)")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.source}: {len(result.files)} files ({size:.1f} MB) from "
                f"{result.origin}{at} in {result.folder}; sha256 in {result.manifest}"
            )
        )
