from django.apps import AppConfig


class ProblemsConfig(AppConfig):
    name = "problems"
    verbose_name = "Problem bank"

    def ready(self) -> None:
        # Tests and answers may hold integers of more than Python's default 4,300
        # digits; every process that reads them from the database needs the limit lifted.
        from problems.judge.codec import allow_big_integers

        allow_big_integers()
