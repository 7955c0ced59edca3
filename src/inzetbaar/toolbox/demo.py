"""Demo step: the catalogue from the data files (idempotent: unchanged items are left alone)."""

from . import catalogue


def load_catalogue(builder) -> None:
    result = catalogue.load()
    for _slug in result.created:
        builder.report.count("toolbox-onderdelen", True)
