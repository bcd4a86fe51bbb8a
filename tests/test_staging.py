"""staging: the search files staged beside the live site, the last build's linked."""

import os

from pressroom.staging import stage_search
from pressroom.writer import SiteWriter, stamp


def _first_build(tmp_path):
    output = tmp_path / "public"
    with SiteWriter(output) as writer:
        staged = stage_search(writer, {"search/data/a.js": b"A", "search/data/b.js": b"B"}, {})
        for path, written, stamped in staged:
            writer.record(path, written, stamped)
        writer.commit()
    return output, {path: (None, *stamp(os.stat(output / path))) for path, _, _ in staged}


def test_a_file_the_index_keeps_is_linked_from_the_last_build(tmp_path):
    output, old_files = _first_build(tmp_path)
    with SiteWriter(output) as writer:
        staged = stage_search(writer, {"search/data/a.js": None, "search/data/b.js": b"B2"},
                              old_files)
        assert staged is not None
        kept = dict((path, written) for path, written, _ in staged)
        assert kept == {"search/data/a.js": False, "search/data/b.js": True}
        linked = writer.staging / "search/data/a.js"
        assert os.stat(linked).st_ino == os.stat(output / "search/data/a.js").st_ino
        writer.abort()


def test_a_kept_file_changed_since_the_last_build_means_staging_all_again(tmp_path):
    output, old_files = _first_build(tmp_path)
    (output / "search/data/a.js").write_bytes(b"tampered")
    with SiteWriter(output) as writer:
        assert stage_search(writer, {"search/data/a.js": None}, old_files) is None
        writer.abort()
