"""Importing a LinkedIn export of 30,000 connections through the real service, into a fresh
user each round: DESIGN.md §4 asks for at most 5 s."""

import itertools

import pytest

from bench.conftest import p95
from pmpath.network import imports
from pmpath.network.bench import connections_csv
from pmpath.network.models import Contact
from tests.conftest import make_user

CONNECTIONS = 30_000
_names = itertools.count()


@pytest.mark.django_db
def test_bench_import_30000_linkedin_connections(benchmark):
    data = connections_csv(CONNECTIONS)
    assert data.count(b"\r\n") == CONNECTIONS + 4  # preamble, blank line, header

    def fresh_user():
        return (make_user(f"importer-{next(_names)}"),), {}

    def run(user):
        report = imports.import_file(user, filename="Connections.csv", data=data)
        assert report.files[0].added == CONNECTIONS
        return user

    user = benchmark.pedantic(run, setup=fresh_user, rounds=3, iterations=1)
    assert Contact.objects.owned_by(user).count() == CONNECTIONS
    assert p95(benchmark) <= 5.0


@pytest.mark.django_db
def test_bench_reimport_of_the_same_30000_connections_changes_nothing(benchmark):
    data = connections_csv(CONNECTIONS)
    user = make_user("reimporter")
    imports.import_file(user, filename="Connections.csv", data=data)

    def run():
        report = imports.import_file(user, filename="Connections.csv", data=data, force=True)
        assert report.files[0].unchanged == CONNECTIONS and not report.changed

    benchmark.pedantic(run, rounds=3, iterations=1)
    assert p95(benchmark) <= 5.0
