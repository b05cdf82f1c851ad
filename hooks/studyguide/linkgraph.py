"""The whole-site link graph that cross-links make: backlinks, related pages, the service map.

Filled page by page while MkDocs converts Markdown, read once every page is
converted (``on_env`` and later), so every view sees the whole site.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .catalog import Catalog, sort_title
from .crosslinks import Mention

RELATED_COUNT = 6


@dataclass(frozen=True)
class Backlink:
    source_id: str
    section_anchor: str | None
    section_title: str


@dataclass
class Graph:
    # (source id, target id) -> number of links
    weights: Counter = field(default_factory=Counter)
    # target id -> the places that mention it, in the order they were seen
    backlinks: dict[str, list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    # name (as front matter spells it) -> times it produced a link
    name_hits: Counter = field(default_factory=Counter)
    _adjacency: dict | None = field(default=None, repr=False)  # neighbours' index, dropped by add()
    _seen: set = field(default_factory=set, repr=False)  # (target id, backlink) pairs in ``backlinks``

    def add(self, source_id: str | None, mentions: list[Mention]) -> None:
        self._adjacency = None
        for m in mentions:
            self.name_hits[m.name] += 1
            if source_id is None or m.target.page_id == source_id:
                continue
            self.weights[(source_id, m.target.page_id)] += 1
            link = Backlink(source_id, m.section_anchor, m.section_title)
            if (m.target.page_id, link) not in self._seen:  # a set: a list search grew with the site (O(n^2))
                self._seen.add((m.target.page_id, link))
                self.backlinks[m.target.page_id].append(link)

    def mentioned_on(self, page_id: str, catalog: Catalog) -> list[tuple[str, list[Backlink]]]:
        """``(source id, its sections)`` for each page linking here, sorted by the source's title."""
        by_source: dict[str, list[Backlink]] = defaultdict(list)
        for link in self.backlinks.get(page_id, ()):
            by_source[link.source_id].append(link)
        return sorted(by_source.items(), key=lambda item: sort_title(catalog.pages[item[0]].title))

    def neighbours(self, page_id: str) -> Counter:
        """Links both ways between ``page_id`` and each other page."""
        if self._adjacency is None:  # built once, after every page is linked (O(edges), not per page)
            self._adjacency = defaultdict(Counter)
            for (a, b), n in self.weights.items():
                self._adjacency[a][b] += n
                self._adjacency[b][a] += n
        return Counter(self._adjacency.get(page_id, ()))

    def related(self, page_id: str, catalog: Catalog, count: int = RELATED_COUNT) -> list[tuple[str, int]]:
        """The most-linked neighbours, both ways; ties by title."""
        items = self.neighbours(page_id).items()
        ranked = sorted(items, key=lambda item: (-item[1], sort_title(catalog.pages[item[0]].title)))
        return ranked[:count]

    def edges(self) -> list[tuple[str, str, int]]:
        """Undirected edges with the links of both directions added up."""
        merged: Counter = Counter()
        for (a, b), n in self.weights.items():
            merged[tuple(sorted((a, b)))] += n
        return [(a, b, n) for (a, b), n in sorted(merged.items())]

    def linked_ids(self) -> set[str]:
        return {b for (_, b) in self.weights}


# ---------------------------------------------------------------- the service map


@dataclass(frozen=True)
class MapNode:
    id: str
    title: str
    group: str
    color: str
    x: float
    y: float
    label_x: float
    label_y: float
    angle: float  # of the label, in degrees
    anchor: str  # text-anchor of the label: "start" or "end"
    degree: int


@dataclass(frozen=True)
class MapEdge:
    a: str
    b: str
    weight: int
    path: str


@dataclass(frozen=True)
class MapGroup:
    slug: str
    title: str
    color: str
    count: int


@dataclass
class ServiceMap:
    size: float
    nodes: list[MapNode]
    edges: list[MapEdge]
    groups: list[MapGroup]


def _color(i: int, n: int) -> str:
    """A hue per category, stepped by the golden angle so neighbours on the ring differ clearly.

    Lightness alternates and stays dark enough for the labels to read on white (and on slate).
    """
    hue = round((i * 137.508) % 360)
    light = 38 if i % 2 else 30
    return f"hsl({hue}, 75%, {light}%)"


def service_map(catalog: Catalog, graph: Graph, radius: float = 380.0) -> ServiceMap:
    """Every page on one ring, grouped and coloured by category; links as curves through the middle.

    A ring keeps 100+ labels readable (each has its own angle) and puts a
    category's services side by side, so the links between families stand out.
    """
    groups: list[tuple[str, str, list]] = []
    for category in catalog.ordered_categories():
        pages = catalog.services_in(category.slug)
        if pages:
            groups.append((category.slug, category.title, pages))
    concepts = catalog.concepts()
    if concepts:
        groups.append(("concepts", "Concepts", concepts))
    total = sum(len(p) for _, _, p in groups)
    gap = 1.5  # empty slots between two categories
    slots = total + gap * len(groups)
    degrees = Counter()
    for a, b, n in graph.edges():
        degrees[a] += n
        degrees[b] += n
    label_room = 270.0  # room for the longest titles ("Amazon Quantum Ledger Database (QLDB)")
    size = 2 * (radius + label_room)
    centre = size / 2
    nodes: list[MapNode] = []
    out_groups: list[MapGroup] = []
    slot = 0.0
    for gi, (slug, title, pages) in enumerate(groups):
        color = _color(gi, len(groups))
        out_groups.append(MapGroup(slug, title, color, len(pages)))
        for page in pages:
            theta = 2 * math.pi * slot / slots - math.pi / 2
            x, y = centre + radius * math.cos(theta), centre + radius * math.sin(theta)
            lx, ly = centre + (radius + 12) * math.cos(theta), centre + (radius + 12) * math.sin(theta)
            angle = math.degrees(theta)
            left = 90 < (angle % 360) < 270
            nodes.append(
                MapNode(
                    page.id,
                    page.title,
                    slug,
                    color,
                    round(x, 1),
                    round(y, 1),
                    round(lx, 1),
                    round(ly, 1),
                    round(angle + 180 if left else angle, 1),
                    "end" if left else "start",
                    degrees[page.id],
                )
            )
            slot += 1
        slot += gap
    where = {n.id: n for n in nodes}
    edges = []
    for a, b, weight in graph.edges():
        if a not in where or b not in where:
            continue
        p, q = where[a], where[b]
        # Control point pulled towards the centre: links bundle through the middle.
        cx = centre + 0.25 * ((p.x + q.x) / 2 - centre)
        cy = centre + 0.25 * ((p.y + q.y) / 2 - centre)
        edges.append(MapEdge(a, b, weight, f"M{p.x},{p.y} Q{cx:.1f},{cy:.1f} {q.x},{q.y}"))
    return ServiceMap(round(size), nodes, edges, out_groups)
