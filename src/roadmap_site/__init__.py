"""roadmap-site: a curriculum site generator for machine-learning engineers.

The public surface is small: :func:`load_curriculum` turns a curriculum folder into a
:class:`~roadmap_site.curriculum.Curriculum` plus diagnostics. Everything else is internal.
"""

from __future__ import annotations

__all__ = ["LoadResult", "load_curriculum", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # On first use, not on import: `import roadmap_site.diagnostics` (validate answering from
    # its cache) must not load the whole pipeline, Pydantic and the models.
    if name in ("LoadResult", "load_curriculum"):
        from roadmap_site import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'roadmap_site' has no attribute {name!r}")
