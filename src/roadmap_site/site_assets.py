"""The files the plugin ships beside the pages (package folder ``assets/``), in one place for
the plugin and the export: which every page loads, and which a page loads itself."""

from __future__ import annotations

FOLDER = "assets/roadmap-site"  # where they go in the site (and in an export's docs/)
# In this order: store.js first, the other scripts use the store it sets up.
EVERY_PAGE = ("roadmap-site.css", "store.js", "progress.js", "learner.js")
ON_DEMAND = ("review.js",)  # learner.js loads it on the Review page only
