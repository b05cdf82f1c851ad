"""Check content data without a build: quizzes, corrections, limits and front matter.

    make check-content [PATHS="docs/services/storage docs/concepts"]

For contributors and reviewers who edit many questions or corrections at once: it runs
the same validators the build runs (hooks/studyguide/), renders only the pages it needs
(Markdown with the site's extensions, no templates, no glossary), and prints the bank's
figures for the folders given (question count, scenario share, length bias, domain
shares). Exit status 1 when any problem is found. The build remains the final judge: it
also checks what needs the whole site (links, search, templates).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import markdown
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "hooks"))

from studyguide import (  # noqa: E402
    corrections,
    docsfiles,
    examguide,
    frontmatter,
    limits,
    quizstats,
    quizzes,
)
from studyguide.catalog import build_catalog  # noqa: E402
from studyguide.errors import DataError  # noqa: E402


class Renderer:
    """The site's Markdown extensions (the glossary's tooltips, set by a hook, change no text)."""

    def __init__(self):
        config = load_config(str(ROOT / "mkdocs.yml"))
        configs = {k: dict(v) for k, v in config.mdx_configs.items()}
        self.md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=configs)
        self.cache: dict[str, tuple[str, dict[str, str]]] = {}

    def page(self, src: str, text: str) -> tuple[str, dict[str, str]]:
        """HTML and ``{anchor: title}`` of one page (``src`` relative to docs/, ``text`` its Markdown)."""
        if src not in self.cache:
            html = self.md.reset().convert(frontmatter.body(text))
            self.cache[src] = (html, quizzes.anchors_from_toc(_TocItem.wrap(self.md.toc_tokens)))
        return self.cache[src]


class _TocItem:
    def __init__(self, token):
        self.id, self.title = token["id"], token["name"]
        self.children = [_TocItem(c) for c in token.get("children", [])]

    @classmethod
    def wrap(cls, tokens):
        return [cls(t) for t in tokens]


def _under(path: str, prefixes: list[str]) -> bool:
    return not prefixes or any(path.startswith(p) for p in prefixes)


def check(prefixes: list[str], docs: Path = DOCS) -> tuple[list[DataError], list[quizzes.Question]]:
    """Every problem in the files under ``prefixes`` (paths relative to ``docs``; none: all),
    and their questions."""
    sources = {path: text for suffix in (".md", ".yml") for path, text in docsfiles.read(docs, suffix)}
    pages = [(path, text) for path, text in sorted(sources.items()) if path.endswith(".md")]
    try:
        catalog = build_catalog(pages)
    except DataError as error:
        return [error], []
    errors: list[DataError] = []
    render = Renderer()

    book, problems = corrections.load_book([(p, t) for p, t in sources.items() if p.endswith(corrections.SUFFIX)], catalog)
    errors += problems
    for page_path, records in book.by_page.items():
        if _under(page_path, prefixes):
            errors += corrections.quotes_missing(render.page(page_path, sources[page_path])[0], records)

    limit_book = limits.LimitBook()
    for path, text in sorted(sources.items()):
        if path.endswith(limits.SUFFIX):
            try:
                entries = limits.load_file(path, text, catalog)
            except DataError as error:
                errors.append(error)
                continue
            limit_book.by_page[limits.page_path_for(path)] = entries
            if _under(path, prefixes):
                page_sections = limits.sections(frontmatter.body(sources[limits.page_path_for(path)]))
                for limit in entries:
                    try:
                        limits.check_prose(limit, page_sections)
                    except DataError as error:
                        errors.append(error)
    errors += limits.check_corrections(limit_book, book.find)

    try:
        guide = examguide.load(sources[examguide.PATH])
    except KeyError:
        return [DataError(examguide.PATH, "missing: the exam guide's domains, tasks and skills")], []
    except DataError as error:
        return [error], []
    bank, problems = quizzes.load_bank([(p, t) for p, t in sources.items() if p.endswith(quizzes.SUFFIX)], catalog, guide)
    errors += problems
    mine = [q for q in bank.questions if _under(q.file, prefixes)]
    cited = {link.page_id for q in mine for link in (q.source, *q.explanation_links)}
    anchors = {pid: render.page(catalog.pages[pid].src_path, sources[catalog.pages[pid].src_path])[1] for pid in cited}
    mine_ids = {q.id for q in mine}
    errors += [e for e in quizzes.check_links(bank, catalog, anchors) if e.entry in mine_ids]
    errors = [e for e in errors if _under(e.path.removeprefix("docs/"), prefixes)]
    return errors, mine


def report(questions: list[quizzes.Question]) -> str:
    fig = quizstats.figures(questions)
    domains = ", ".join(f"{key} {share:.1f}%" for key, share in fig.domains.items())
    return "\n".join(
        [
            f"questions: {fig.total} (choose 1: {fig.single}, multi: {fig.multi}; by choose {fig.choose})",
            f"scenario share: {fig.scenario_share:.0%}",
            f"correct option strictly longest (choose 1): {fig.longest_single:.0%}",
            f"correct set exactly the longest (multi): {fig.longest_multi:.0%}",
            f"answer is the option echoing the stem most: {fig.echo:.0%} of {fig.echo_questions} (max {quizstats.MAX_ECHO:.0%})",
            f"correct positions: {fig.positions}",
            f"realism (issue 23): scenario stems median {fig.stem_median:.0f} chars (min {quizstats.MIN_STEM_MEDIAN}), "
            f"options median {fig.option_median:.0f} (min {quizstats.MIN_OPTION_MEDIAN}), criterion {fig.criterion_share:.0%} "
            f"(min {quizstats.MIN_CRITERION_SHARE:.0%}), recall {fig.recall_share:.0%} (max {quizstats.MAX_RECALL_SHARE:.0%}), "
            f"form-only solver {100 * (fig.form_solver - fig.form_chance):+.1f} points over chance "
            f"(keep within {100 * quizstats.MAX_FORM_EDGE:.0f} points either way)",
            f"domains (first domain): {domains}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="folders or files under docs/ (default: all of docs/)")
    parser.add_argument("--docs", type=Path, default=DOCS, help="the docs folder (default: the project's)")
    args = parser.parse_args(argv)
    docs = args.docs.resolve()
    prefixes = [Path(p).resolve().relative_to(docs).as_posix() for p in args.paths]
    errors, questions = check(prefixes, docs)
    for error in errors:
        print(error)
    print(report(questions))
    print(f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
