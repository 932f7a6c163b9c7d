"""Demo data of the members app: the directory of the five cases, then what their members submitted."""

from django.core.management.base import OutputWrapper

from members.demo import directory, submissions


def load(out: OutputWrapper) -> None:
    directory.load(out)
    submissions.load(out)
