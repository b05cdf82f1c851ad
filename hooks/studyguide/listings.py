"""Generated listings: the services of a category, the categories of the site."""

from __future__ import annotations

from .catalog import Catalog
from .markdown import escape, relative_link

SERVICES_MARKER = "<!-- services-index -->"
CATEGORIES_MARKER = "<!-- categories-index -->"
CONCEPTS_MARKER = "<!-- concepts-index -->"


def _plain(table: str) -> str:
    """Listings already link every page; keep the cross-link hook out of them."""
    return f'<div class="no-crosslinks" markdown>\n\n{table}\n</div>\n'


def status_badge(page) -> str:
    """`` <span class="sg-badge …">Retired</span>`` for a retired, closed or renamed service, else ''."""
    if page.status is None:
        return ""
    return f' <span class="sg-badge sg-badge--{page.status.state}">{escape(page.status.label)}</span>'


def services_table(catalog: Catalog, slug: str, from_src: str) -> str:
    rows = ["| Service | Also called |", "| --- | --- |"]
    for page in catalog.services_in(slug):
        link = relative_link(from_src, page.src_path)
        aliases = ", ".join(escape(a) for a in page.aliases) or "—"
        rows.append(f"| [{escape(page.title)}]({link}){status_badge(page)} | {aliases} |")
    return _plain("\n".join(rows) + "\n")


def categories_table(catalog: Catalog, from_src: str) -> str:
    rows = ["| Category | Services | What it covers |", "| --- | ---: | --- |"]
    for category in catalog.ordered_categories():
        link = relative_link(from_src, category.src_path)
        count = len(catalog.services_in(category.slug))
        rows.append(f"| [{escape(category.title)}]({link}) | {count} | {escape(category.description)} |")
    return _plain("\n".join(rows) + "\n")


def concepts_list(catalog: Catalog, from_src: str) -> str:
    return "".join(f"- [{escape(p.title)}]({relative_link(from_src, p.src_path)})\n" for p in catalog.concepts())


def expand(markdown: str, catalog: Catalog, src_path: str) -> str:
    """Replace the listing markers a page holds; a page without markers is returned unchanged."""
    if SERVICES_MARKER in markdown:
        slug = src_path.split("/")[1]
        markdown = markdown.replace(SERVICES_MARKER, services_table(catalog, slug, src_path))
    if CATEGORIES_MARKER in markdown:
        markdown = markdown.replace(CATEGORIES_MARKER, categories_table(catalog, src_path))
    if CONCEPTS_MARKER in markdown:
        markdown = markdown.replace(CONCEPTS_MARKER, concepts_list(catalog, src_path))
    return markdown
