"""O1 and O2: the production static storage (the default of `STATICFILES_STORAGE`, whitenoise's
compressed manifest storage) collects the built front-end files. Its post-processing rewrites
every `sourceMappingURL` to the map's hashed name and fails when the map is missing, as it did
for Chart.js before `scripts/build-static.mjs` copied maps along."""

import re
from pathlib import Path

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from whitenoise.compress import Compressor

from config.environment import DECLARED

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "static"
SOURCE_MAP = re.compile(r"[#@] sourceMappingURL=(\S+?)[ \t]*(?:\*/)?[ \t]*$", re.M)


def built_files() -> list[Path]:
    files = sorted(path for path in BUILD.rglob("*") if path.suffix in {".js", ".css"})
    assert files, "npm run build has not run: build/static is empty"
    return files


def test_o2_every_source_map_a_built_file_names_is_built_too():
    for path in built_files():
        for url in SOURCE_MAP.findall(path.read_text(encoding="utf-8")):
            if not url.startswith("data:"):
                assert (path.parent / url).is_file(), f"{path.relative_to(BUILD)} names {url}"


def test_o2_the_production_static_storage_collects_the_built_files(settings, tmp_path, monkeypatch):
    """Everything but the compression (seconds of CPU for files no rule here concerns)."""
    monkeypatch.setattr(Compressor, "should_compress", lambda self, filename: False)
    production = DECLARED["STATICFILES_STORAGE"].default
    assert "Manifest" in production  # the storage whose post-processing is tested here
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": production}}
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", "-v0")
    name = staticfiles_storage.stored_name("vendor/chart.umd.min.js")
    collected = (tmp_path / name).read_text(encoding="utf-8")
    (map_url,) = SOURCE_MAP.findall(collected)
    assert map_url != "chart.umd.min.js.map"  # rewritten to the hashed name
    assert (tmp_path / "vendor" / map_url).is_file()
