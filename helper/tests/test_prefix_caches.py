"""The store of fixed-prefix caches: bounded, and never handing out the stored cache itself."""

from dataclasses import dataclass

from mlx_polish_helper import models
from mlx_polish_helper.models import PrefixCaches


@dataclass
class FakeLayerCache:
    nbytes: int
    offset: int = 0


def test_a_generation_cannot_spoil_the_cached_prefix():
    caches = PrefixCaches()
    caches.put((1, 2, 3), [FakeLayerCache(10)])
    handed_out = caches.get((1, 2, 3))
    handed_out[0].offset = 99  # what generating into it does
    assert caches.get((1, 2, 3))[0].offset == 0


def test_only_the_most_recent_prefixes_are_kept():
    caches = PrefixCaches()
    for style in range(models.PREFIX_CACHE_ENTRIES + 2):
        caches.put((style,), [FakeLayerCache(1)])
    assert caches.get((0,)) is None and caches.get((1,)) is None
    assert caches.get((models.PREFIX_CACHE_ENTRIES + 1,)) is not None


def test_prefixes_are_evicted_by_size_but_the_newest_stays(monkeypatch):
    monkeypatch.setattr(models, "PREFIX_CACHE_BYTES", 100)
    caches = PrefixCaches()
    caches.put((1,), [FakeLayerCache(60)])
    caches.put((2,), [FakeLayerCache(60)])
    assert caches.get((1,)) is None
    caches.put((3,), [FakeLayerCache(500)])
    assert caches.get((2,)) is None and caches.get((3,)) is not None
