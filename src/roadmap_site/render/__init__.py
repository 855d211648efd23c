"""Rendering: the merged curriculum -> Markdown pages, navigation, SVG, JSON. No MkDocs here."""
