"""roadmap-site: a curriculum site generator for machine-learning engineers.

The public surface is small: :func:`load_curriculum` turns a curriculum folder into a
:class:`~roadmap_site.curriculum.Curriculum` plus diagnostics. Everything else is internal.
"""

from roadmap_site.pipeline import LoadResult, load_curriculum

__all__ = ["LoadResult", "load_curriculum", "__version__"]
__version__ = "0.1.0"
