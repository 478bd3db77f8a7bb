"""Store every language under the judge registry's key: imported starters keyed "python"
were never found by the room, which asks for "python3"."""

from django.db import migrations, models

# The registry's aliases when this migration was written (problems.judge.languages).
KEYS = {"python": "python3", "py": "python3", "c++": "cpp", "js": "javascript", "ts": "typescript"}


def to_keys(apps, schema_editor):
    Problem = apps.get_model("problems", "Problem")
    ReferenceSolution = apps.get_model("problems", "ReferenceSolution")
    for solution in ReferenceSolution.objects.filter(language__in=list(KEYS)):
        key = KEYS[solution.language]
        if ReferenceSolution.objects.filter(
            problem_id=solution.problem_id, kind=solution.kind, language=key
        ).exists():
            solution.delete()  # the same reference is already stored under its key
        else:
            solution.language = key
            solution.save(update_fields=["language"])
    changed = []
    for problem in Problem.objects.exclude(starter_code={}).only("pk", "starter_code"):
        starters = problem.starter_code or {}
        keyed = {KEYS.get(name, name): code for name, code in starters.items()}
        if keyed != starters:
            problem.starter_code = keyed
            changed.append(problem)
    Problem.objects.bulk_update(changed, ["starter_code"], batch_size=500)


def to_names(apps, schema_editor):
    Problem = apps.get_model("problems", "Problem")
    ReferenceSolution = apps.get_model("problems", "ReferenceSolution")
    ReferenceSolution.objects.filter(language="python3").update(language="python")
    changed = []
    for problem in Problem.objects.exclude(starter_code={}).only("pk", "starter_code"):
        if "python3" in (problem.starter_code or {}):
            problem.starter_code["python"] = problem.starter_code.pop("python3")
            changed.append(problem)
    Problem.objects.bulk_update(changed, ["starter_code"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("problems", "0005_modelversion_to_interviews"),
    ]

    operations = [
        migrations.AlterField(
            model_name="referencesolution",
            name="language",
            field=models.CharField(
                default="python3",
                help_text="The judge's key for the language (python3, cpp, java, javascript, typescript).",
                max_length=20,
            ),
        ),
        migrations.RunPython(to_keys, to_names),
    ]
