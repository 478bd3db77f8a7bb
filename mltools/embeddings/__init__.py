"""Embeddings and vector search; the facade is `mltools.embeddings.api`."""
