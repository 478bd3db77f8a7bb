"""Admin for the model registry and embeddings; imported by problems/admin.py (see issue 6)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from problems.ml_services import model_version_activate
from problems.models import ModelVersion, ProblemEmbedding


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "base_model", "is_active", "eval_loss", "data_version", "created"]
    list_filter = ["is_active", "base_model"]
    search_fields = ["name", "base_model", "adapter_uri"]
    readonly_fields = ["created", "is_active"]
    actions = ["activate"]

    @admin.display(description="validation loss (before -> after)")
    def eval_loss(self, obj: ModelVersion) -> str:
        m = obj.metrics or {}
        return f"{m.get('eval_loss_before', '?')} -> {m.get('eval_loss_after', '?')}"

    @admin.action(description="Activate (the llm worker loads it; the others are deactivated)")
    def activate(self, request: HttpRequest, queryset: QuerySet[ModelVersion]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one model version.", messages.ERROR)
            return
        version = model_version_activate(version=queryset.get())
        self.message_user(request, f"{version.name} is now the active model.", messages.SUCCESS)


@admin.register(ProblemEmbedding)
class ProblemEmbeddingAdmin(admin.ModelAdmin):
    list_display = ["problem", "model_name", "dimensions", "updated"]
    list_filter = ["model_name"]
    search_fields = ["problem__slug"]
    readonly_fields = ["problem", "model_name", "text_hash", "dimensions", "updated"]
    exclude = ["vector"]
