"""The build cache: what it keeps between builds."""

import os

from pressroom.cache import BYTECODE_FOLDERS, Cache


def test_compiled_templates_are_kept_for_the_last_few_configurations(tmp_path):
    """`pressroom serve` builds with its own base_url beside `pressroom build`: neither
    throws the other's compiled templates away; the folders used longest ago go."""
    cache = Cache(tmp_path, tmp_path / "public")
    keys = [f"config{n}" for n in range(BYTECODE_FOLDERS + 2)]
    for age, key in enumerate(keys):
        folder = cache.bytecode_folder(key)
        assert folder is not None and folder.is_dir()
        (folder / "compiled.cache").write_bytes(b"x")
        os.utime(folder, ns=(age * 10**9, age * 10**9))  # used in this order
    again = cache.bytecode_folder(keys[2])  # an older one used again: kept, made newest
    assert (again / "compiled.cache").is_file()
    kept = sorted(p.name for p in again.parent.iterdir())
    assert len(kept) == BYTECODE_FOLDERS
    assert keys[2] in kept and keys[-1] in kept and keys[0] not in kept


def test_no_compiled_templates_without_a_cache(tmp_path):
    assert Cache(tmp_path, tmp_path / "public", enabled=False).bytecode_folder("k") is None


def test_partials_read_ahead_are_the_ones_kept_and_are_read_once(tmp_path):
    cache = Cache(tmp_path, tmp_path / "public")
    store = {("partials/entry.html", ("entry", bytes([n]))): (f"<li>{n}</li>", "")
             for n in range(40)}
    cache.save_partials(b"scope", store)
    cache.prefetch_partials()
    cache.save_partials(b"scope", {})  # changed on disk after the read-ahead
    assert cache.load_partials(b"scope") == store  # what was read ahead
    assert cache.load_partials(b"scope") == {}  # then from the files again
    assert cache.load_partials(b"other scope") == {}
