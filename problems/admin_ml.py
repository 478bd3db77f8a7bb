"""Admin for the problem embeddings; imported by problems/admin.py (see issue 6)."""

from __future__ import annotations

from django.contrib import admin

from problems.models import ProblemEmbedding


@admin.register(ProblemEmbedding)
class ProblemEmbeddingAdmin(admin.ModelAdmin):
    list_display = ["problem", "model_name", "dimensions", "updated"]
    list_filter = ["model_name"]
    search_fields = ["problem__slug"]
    readonly_fields = ["problem", "model_name", "text_hash", "dimensions", "updated"]
    exclude = ["vector"]
