"""Every page pmpath serves is in the page benchmark, so no page escapes measurement."""

from pmpath.bench import registry
from tests.routes import routes


def test_every_page_is_benchmarked_or_declared_not_a_page():
    registry.discover()
    covered = {p.url_name for p in registry.PAGES.values()} | registry.NOT_PAGES
    missing = sorted({name for name, _ in routes()} - covered)
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


def test_a_database_seeded_beside_another_data_folder_is_rebuilt(db, settings, tmp_path):
    from pmpath.bench.heavy import seed

    seed(scale=0.01, force=True)
    assert seed(scale=0.01) == ["heavy data already present (use --force to rebuild)"]
    settings.DATA_DIR = tmp_path  # its pictures, calendar secret and ranking index are not here
    assert seed(scale=0.01) != ["heavy data already present (use --force to rebuild)"]
