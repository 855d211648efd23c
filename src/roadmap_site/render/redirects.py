"""A small page at each former topic URL (see aliases.py) that sends the reader on to the topic.

Every topic page is ``<roadmap>/<topic>/index.md``, so its URL is the folder with either URL
style and its HTML is ``<roadmap>/<topic>/index.html``: a redirect is that file, written as a
plain HTML file (a static file to every generator, so it is in no search index, sitemap or nav).
A script carries the ``#fragment`` over (a meta refresh would drop it); the meta refresh and the
visible link serve readers without scripts; ``noindex`` and the canonical link tell search
engines where the page is now.
"""

from __future__ import annotations

from roadmap_site.curriculum import Curriculum
from roadmap_site.render import urls
from roadmap_site.render.templating import env  # the site's one Jinja2 environment (it autoescapes)


def redirect_path(former: str) -> str:
    """Where the redirect from a former topic key is written (both URL styles)."""
    return urls.topic_page(former)[: -len(".md")] + ".html"


def redirect_files(curriculum: Curriculum, directory_urls: bool) -> dict[str, str]:
    """Site path -> HTML of the redirect from every former topic key."""
    template = env.get_template("redirect.html.j2")
    out = {}
    for former, key in sorted(curriculum.aliases.items()):
        target = urls.linker(urls.topic_page(former), directory_urls)(urls.topic_page(key))
        out[redirect_path(former)] = template.render(target=target, title=curriculum.topics[key].title)
    return out
