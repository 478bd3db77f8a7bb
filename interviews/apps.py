from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interviews"

    def ready(self) -> None:
        from django_q.signals import post_spawn

        from interviews.jobs import worker_queues_unlocked, worker_started

        # Each django-q2 worker, at start and after the sentinel replaces a dead one,
        # hands back work its dead predecessor held (interviews.jobs).
        post_spawn.connect(worker_started, dispatch_uid="interviews-jobs-reaper")
        # A worker killed while it waits for a task must not stop the cluster taking tasks.
        worker_queues_unlocked()
