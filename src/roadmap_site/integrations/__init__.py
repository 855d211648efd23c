"""Adapters from the generated site (``render.site.assemble``) to the generators that build it.

* ``plugin``: the MkDocs plugin (MkDocs and ProperDocs load it; ``hooks`` and ``serve``), the
  only package that imports ``mkdocs``.
* ``export``: the site written out as a plain MkDocs project that needs no plugin (Zensical,
  or any generator that reads ``mkdocs.yml`` without running plugins).
* ``mkdocs_yaml``: reads and writes ``mkdocs.yml`` without MkDocs (for the export and the CLI).
"""
