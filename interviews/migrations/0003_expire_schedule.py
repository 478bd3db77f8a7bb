"""Finish interviews whose time ran out, every minute, even if nobody opens the page."""

from django.db import migrations


def create_schedule(apps, schema_editor):  # type: ignore[no-untyped-def]
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name="interviews-expire",
        defaults={
            "func": "interviews.tasks.interviews_expire_task",
            "schedule_type": "I",
            "minutes": 1,
            "repeats": -1,
            "cluster": "judge",
        },
    )


def delete_schedule(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("django_q", "Schedule").objects.filter(name="interviews-expire").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0002_growth_pending"),
        ("django_q", "0018_task_success_index"),
    ]
    operations = [migrations.RunPython(create_schedule, delete_schedule)]
