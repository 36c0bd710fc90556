import gc

from pmpath.core.server import settle_memory


def test_settling_memory_freezes_long_lived_objects_and_collects_less_often():
    before = gc.get_threshold()
    try:
        settle_memory()
        assert gc.get_freeze_count() > 1000
        assert gc.get_threshold()[0] > before[0]
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
