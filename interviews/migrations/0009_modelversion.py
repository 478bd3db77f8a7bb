"""ModelVersion joins the interviewer: state only, on the existing `problems_modelversion` table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0008_feedback_evidence"),
        ("problems", "0005_modelversion_to_interviews"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ModelVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=120, unique=True)),
                        ("base_model", models.CharField(max_length=200)),
                        (
                            "adapter_uri",
                            models.CharField(
                                blank=True,
                                help_text="Local path, gs:// URI or DVC path; blank = base only.",
                                max_length=500,
                            ),
                        ),
                        ("recipe", models.CharField(blank=True, max_length=300)),
                        ("recipe_params", models.JSONField(blank=True, default=dict)),
                        (
                            "data_version",
                            models.CharField(
                                blank=True, help_text="Hash of the training data.", max_length=64
                            ),
                        ),
                        ("metrics", models.JSONField(blank=True, default=dict)),
                        ("is_active", models.BooleanField(default=False)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "db_table": "problems_modelversion",
                        "ordering": ["-created"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("is_active", True)),
                                fields=("is_active",),
                                name="modelversion_one_active",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
