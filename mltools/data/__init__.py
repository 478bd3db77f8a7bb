"""Problem data sources: one parser module per source, shared cleaning, JSONL input and output.

`mltools.data.sources.SOURCES` lists what `ingest_problems --source` can read.
"""
