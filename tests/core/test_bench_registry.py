"""Every page pmpath serves is in the page benchmark, so no page escapes measurement."""

from django.urls import URLPattern, URLResolver, get_resolver

from pmpath.bench import registry

THIRD_PARTY = {"admin"}


def named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            yield from named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and namespace not in THIRD_PARTY:
            yield f"{namespace}:{entry.name}"


def test_every_page_is_benchmarked_or_declared_not_a_page():
    registry.discover()
    covered = {p.url_name for p in registry.PAGES.values()} | registry.NOT_PAGES
    missing = sorted(set(named_urls()) - covered)
    assert not missing, f"register these in the app's bench.py: {missing}"


def test_the_heavy_user_is_built_deterministically(db):
    from pmpath.bench.heavy import heavy_user, seed
    from pmpath.career.models import CandidateProfile

    seed(scale=0.01, force=True)
    first = (
        CandidateProfile.objects.filter(user=heavy_user())
        .values("background", "target_level")
        .get()
    )
    assert seed(scale=0.01) == ["heavy data already present (use --force to rebuild)"]
    seed(scale=0.01, force=True)
    again = (
        CandidateProfile.objects.filter(user=heavy_user())
        .values("background", "target_level")
        .get()
    )
    assert first == again
