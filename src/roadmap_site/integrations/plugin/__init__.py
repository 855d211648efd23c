"""The MkDocs plugin (MkDocs and ProperDocs load it by its entry point ``roadmap-site``): the
only package that imports ``mkdocs``.

* ``hooks``: the plugin's hooks, a thin adapter over ``render.site.assemble``.
* ``serve``: what ``mkdocs serve`` needs beyond a build (the ``--dirty`` rebuild that skips
  unchanged pages, re-watching a curriculum folder that comes back, compiled theme templates).
"""

from roadmap_site.integrations.plugin.hooks import RoadmapSitePlugin

__all__ = ["RoadmapSitePlugin"]
