"""The files a site gets besides its pages, made in one place for every generator: the plugin
adds them to a MkDocs build in memory, the export writes them to disk.

The public JSON (the API, the topic index next up reads, the Review page's self-checks), the
JSON Schema, the redirects from former topic URLs, and the plugin's assets in the form readers
download. Made once per curriculum and kept in the renderer's cache across serve rebuilds while
the curriculum's objects are the same.
"""

from __future__ import annotations

import functools

from roadmap_site import schema, site_assets
from roadmap_site.render.api import API_PATH, CHECKS_PATH, TOPICS_PATH, curriculum_json, topics_json
from roadmap_site.render.pages import SiteRenderer, curriculum_signature
from roadmap_site.render.redirects import redirect_files


@functools.lru_cache(maxsize=1)
def _schema_text() -> str:
    """The JSON Schema depends on the models only: made once per process."""
    return schema.dumps(schema.curriculum_schema())


def extra_files(renderer: SiteRenderer) -> dict[str, str | bytes]:
    """Site path -> content of every generated file that is not a page."""
    curriculum, urls_kind = renderer.c, renderer.directory_urls
    whole = renderer.cache.whole
    signature = (urls_kind, *curriculum_signature(curriculum))
    out: dict[str, str | bytes] = {
        API_PATH: whole("api", signature, lambda: curriculum_json(curriculum, urls_kind)),
        TOPICS_PATH: whole("topics", signature, lambda: topics_json(curriculum, urls_kind)),
        CHECKS_PATH: whole("checks", signature, renderer.checks_json),
        schema.SITE_PATH: _schema_text(),
    }
    out.update(whole("redirects", signature, lambda: redirect_files(curriculum, urls_kind)))
    for name in (*site_assets.EVERY_PAGE, *site_assets.ON_DEMAND):
        out[f"{site_assets.FOLDER}/{name}"] = site_assets.read(name)
    return out
