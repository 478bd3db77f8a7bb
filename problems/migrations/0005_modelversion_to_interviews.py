"""ModelVersion belongs to the interviewer: state only; the table stays (interviews 0005)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("problems", "0004_call_shape")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ModelVersion")],
            database_operations=[],
        )
    ]
