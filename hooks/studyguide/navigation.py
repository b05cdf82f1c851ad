"""Order the navigation: Home, Concepts, Services by category, then the rest.

Works on anything shaped like MkDocs' nav items (``title``, ``children``,
``is_section``, ``file.src_uri``), so it is tested with plain stand-ins.
"""

from __future__ import annotations

from .catalog import Catalog, sort_title

# Top-level entries in reading order; pages not named here follow, alphabetically.
TOP_LEVEL = ["index.md", "concepts", "services"]


def _folder(item) -> str | None:
    """The docs folder a section stands for, from the first page found inside it."""
    for child in getattr(item, "children", None) or []:
        file = getattr(child, "file", None)
        if file is not None:
            parts = file.src_uri.split("/")
            return "/".join(parts[:-1])
        found = _folder(child)
        if found:
            return found.rsplit("/", 1)[0]
    return None


def _key(item) -> str:
    file = getattr(item, "file", None)
    if file is not None:
        return file.src_uri
    return _folder(item) or ""


def order(items: list, catalog: Catalog) -> list:
    def top_rank(item):
        key = _key(item)
        head = key.split("/")[0] if item.is_section else key
        rank = TOP_LEVEL.index(head) if head in TOP_LEVEL else len(TOP_LEVEL)
        return (rank, str(item.title or "").casefold())

    items.sort(key=top_rank)
    for item in items:
        if item.is_section and _key(item) == "services":
            _order_services(item, catalog)
        elif item.is_section:
            item.children.sort(key=lambda c: (not _is_index(c), sort_title(_title(c, catalog))))
    return items


def _is_index(item) -> bool:
    file = getattr(item, "file", None)
    return file is not None and file.src_uri.endswith("index.md")


def _title(item, catalog: Catalog) -> str:
    file = getattr(item, "file", None)
    if file is not None and file.src_uri in catalog.by_path:
        return catalog.by_path[file.src_uri].title
    return str(item.title or "")


def _order_services(section, catalog: Catalog) -> None:
    def rank(child):
        slug = _key(child).split("/")[-1]
        category = catalog.categories.get(slug)
        return (category.order if category else 10_000, slug)

    section.children.sort(key=rank)
    for child in section.children:
        if not child.is_section:
            continue
        category = catalog.categories.get(_key(child).split("/")[-1])
        if category:
            child.title = category.title  # folder names are slugs; readers see the real name
        child.children.sort(key=lambda c: (not _is_index(c), sort_title(_title(c, catalog))))


def pages_in_order(items: list) -> list:
    """The nav's pages, depth first, in the order readers meet them."""
    out = []
    for item in items:
        if getattr(item, "is_page", False):
            out.append(item)
        if getattr(item, "children", None):
            out.extend(pages_in_order(item.children))
    return out


def relink(pages: list) -> None:
    """Reset previous/next links after reordering (MkDocs set them on the old order)."""
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None
