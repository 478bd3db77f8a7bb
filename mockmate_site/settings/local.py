"""Local development: DEBUG on, SQLite and the ORM broker unless the environment says otherwise."""

from mockmate_site.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", True)
