"""theme: where the default theme's templates and static files are."""

from pressroom.theme import theme_dir


def test_the_theme_folder_holds_the_templates_and_static_files():
    folder = theme_dir()
    assert (folder / "templates" / "base.html").is_file()
    assert (folder / "templates" / "partials" / "entry.html").is_file()
    assert (folder / "static").is_dir() and any((folder / "static").iterdir())
