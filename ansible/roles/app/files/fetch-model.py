"""Copy a model folder from gs://BUCKET/PREFIX into a local folder.

Usage: fetch-model gs://bucket/models/name /srv/mockmate/data/models/abc123
Credentials are the VM's service account (Application Default Credentials). The
folder appears only when every file is in, so a failed copy is retried next run.
"""

import shutil
import sys
from pathlib import Path

from google.cloud import storage


def main() -> None:
    url, dest = sys.argv[1], Path(sys.argv[2])
    bucket_name, _, prefix = url.removeprefix("gs://").partition("/")
    prefix = prefix.rstrip("/") + "/" if prefix else ""
    partial = dest.with_name(dest.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    count = 0
    for blob in storage.Client().list_blobs(bucket_name, prefix=prefix):
        if blob.name.endswith("/"):
            continue
        target = partial / blob.name[len(prefix) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        blob.download_to_filename(str(target))
        count += 1
    if count == 0:
        sys.exit(f"fetch-model: no files under {url}")
    partial.rename(dest)
    print(f"fetch-model: {count} files from {url} into {dest}")


if __name__ == "__main__":
    main()
