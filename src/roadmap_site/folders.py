"""Where things are in a curriculum folder, and which curriculum a path given on the command
line belongs to. Imports nothing heavy: ``validate`` needs it before it knows whether the
pipeline must run at all."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = "resources"
TRACKS_DIR = "tracks"


def locate(path: Path) -> tuple[Path, Path | None]:
    """The curriculum folder that ``path`` belongs to, and the part of it ``path`` names (None
    for the whole curriculum): a roadmap folder, its phases/ folder, the catalog folder or one
    of their files. The part is checked with the rest of the curriculum, which its references
    point into."""
    resolved = path.resolve()
    for folder in (resolved, *resolved.parents[:2]):
        if (folder / "roadmap.yml").is_file() or (folder / "phases").is_dir() or (
                folder.name == RESOURCES_DIR and folder.parent != folder and any(
                    (sibling / "roadmap.yml").is_file() for sibling in folder.parent.iterdir())):
            return folder.parent, resolved
    return resolved, None
