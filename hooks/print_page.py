"""Hook: the printable single-page view of all pages (print.html in `make offline`).

Wiring only; the rewriting lives in hooks/studyguide/print_page.py and the markup in
overrides/partials/print-page.html. The page is generated in memory and kept out of
the navigation; every other page is converted before any template is rendered, so
when the print page renders, all their contents are ready.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from studyguide import print_page, quizzes

log = get_plugin_logger(__name__)


def on_files(files, config):
    if not config.extra.get("print_page"):
        return files  # only builds that ask for it: mkdocs.offline.yml
    if files.get_file_from_path(print_page.SRC_URI) is None:
        files.append(File.generated(config, print_page.SRC_URI, content=print_page.SOURCE))
    return files


def _drop(items, page):
    kept = []
    for item in items:
        if item is page:
            continue
        if getattr(item, "children", None):
            item.children = _drop(item.children, page)
        kept.append(item)
    return kept


def on_nav(nav, config, files):
    file = files.get_file_from_path(print_page.SRC_URI)
    page = file.page if file else None
    if page is not None:
        nav.items = _drop(nav.items, page)
        nav.pages = [p for p in nav.pages if p is not page]
    return nav


def on_page_context(context, page, config, nav):
    if page.file.src_uri != print_page.SRC_URI:
        return context
    # Without the quiz blocks, which pages get inside their conversion since issue 22 (studyguide.mdext.quizzes).
    pages = [(p.url, p.title, quizzes.without_block(p.content or "")) for p in nav.pages if p is not page]
    sections = print_page.sections(pages, page.url)
    template = context["config"].theme.get_env().get_template("partials/print-page.html")
    page.content = template.render(sections=sections, config=config, page=page)
    log.debug("print page: %d pages", len(sections))
    return context
