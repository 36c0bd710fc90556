from pmpath.career.models import Level
from pmpath.career.queries import ladder
from pmpath.core.memo import ProcessCache


def test_it_loads_once_until_the_entry_expires(monkeypatch):
    cache = ProcessCache(ttl=10)
    calls = []
    now = [100.0]
    monkeypatch.setattr("pmpath.core.memo.time.monotonic", lambda: now[0])
    assert cache.get("k", lambda: calls.append(1) or "v") == "v"
    assert cache.get("k", lambda: calls.append(1) or "v") == "v"
    assert len(calls) == 1
    now[0] += 11
    cache.get("k", lambda: calls.append(1) or "v")
    assert len(calls) == 2


def test_the_ladder_is_served_from_memory_after_the_first_read(db, django_assert_num_queries):
    ladder()
    with django_assert_num_queries(0):
        ladder()


def test_an_admin_edit_shows_at_once(db):
    assert ladder()["levels"][1]["name"] == "Product Manager"
    level = Level.objects.get(key="pm")
    level.name = "Product Manager (edited)"
    level.save()
    assert ladder()["levels"][1]["name"] == "Product Manager (edited)"
