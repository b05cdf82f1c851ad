"""Hook: quiz questions beside each page, the practice exam and the progress page.

Wiring only; loading, checks and views live in hooks/studyguide/quizzes.py.
- on_files: load and validate every ``*.quiz.yml`` (after the catalog, which has priority 100);
- on_env: every page is converted, so check each ``source`` against the real anchors;
  fill the exam and progress pages, and the exam-guide map (studyguide/guidemap.py) at its marker;
- on_post_build: write the bank as ``assets/quiz-bank.json`` for the exam and progress pages.

Each page's quiz block is the Markdown extension studyguide.mdext.quizzes (so Zensical shows it
too), which gets the bank from this hook (``sitedata.pin``). The block carries
``data-search-exclude``: hooks/search_exclude.py hides it from the search plugin, so the
questions and answers are not indexed, as when the block was added after indexing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from studyguide import buildcache, examguide, guidemap, quizzes, sitedata, state
from studyguide.errors import DataError, join_errors

log = get_plugin_logger(__name__)

_EXAM_MARKER = re.compile(r"<!--\s*practice-exam\b([^>]*?)-->")
_OPTION = re.compile(r"(questions|minutes)\s*=\s*(\d+)")

# Per-build state, reset in on_pre_build (mkdocs serve keeps this module loaded).
_bank: quizzes.Bank | None = None
_bank_json: dict | None = None
_bank_key = ""  # the quiz files and the catalog they were checked against
# `mkdocs serve`: the bank, each page's block and the JSON bank, reused while their inputs are unchanged.
_banks = buildcache.BuildCache("quizzes.bank")
_rendered = buildcache.BuildCache("quizzes.rendered")


def on_pre_build(config):
    global _bank, _bank_json
    _bank = None
    _bank_json = None
    _banks.start_build()
    _rendered.start_build()


def on_files(files, config):
    global _bank, _bank_key
    sources = [(f.src_uri, f.content_string) for f in files if f.src_uri.endswith(quizzes.SUFFIX)]
    catalog = state.require_catalog()
    guide_file = files.get_file_from_path(examguide.PATH)
    if guide_file is None:
        raise PluginError(f"docs/{examguide.PATH} is missing: the exam guide's domains, tasks and skills")
    guide_text = guide_file.content_string
    try:
        guide = state.exam_guide = examguide.load(guide_text)  # a few ms: read every build, so state always has it
    except DataError as error:
        raise PluginError(str(error)) from None
    _bank_key = buildcache.key(repr(catalog), guide_text, *(part for source in sources for part in source))
    bank, errors = _banks.get(_bank_key, lambda: quizzes.load_bank(sources, catalog, guide))
    if errors:
        raise PluginError(f"{len(errors)} problem(s) in the quiz files:\n{join_errors(errors)}")
    _bank = state.quiz_bank = bank
    sitedata.pin(config.docs_dir, quiz_bank=bank, exam_guide=guide)  # the extension studyguide.mdext.quizzes uses them
    log.debug("quizzes: %d questions from %d files", len(bank.questions), len(sources))
    return files


def on_env(env, config, files):
    global _bank_json
    catalog = state.require_catalog()
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    anchors = {}
    for page in pages:
        meta_page = catalog.by_path.get(page.file.src_uri)
        if meta_page is not None:
            found = quizzes.anchors_from_toc(page.toc)
            for anchor in page.present_anchor_ids or ():
                found.setdefault(anchor, anchor)
            anchors[meta_page.id] = found
    errors = quizzes.check_links(_bank, catalog, anchors)
    if errors:
        raise PluginError(f"{len(errors)} problem(s) in the quiz files:\n{join_errors(errors)}")

    templates = env.overlay(autoescape=True)
    # The bank's JSON depends on the bank, every page's headings (source titles) and the URLs.
    inputs = buildcache.key(_bank_key, repr(sorted(anchors.items())), config.use_directory_urls)
    _bank_json = _rendered.get(  # before the exam page: its study sets come from it
        buildcache.key(inputs, "bank.json"),
        lambda: quizzes.bank_json(_bank, catalog, anchors, lambda src: files.get_file_from_path(src).url, state.exam_guide),
    )
    for page in pages:
        _fill_app_pages(page, templates, files)
        if guidemap.MARKER in (page.content or ""):
            _fill_guide_map(page, templates, catalog, anchors, files)
    return env


def _fill_guide_map(page, templates, catalog, anchors, files):
    """The exam-guide map at its marker: domains -> tasks -> skills, from the guide and the bank."""

    def url_of(link):
        url = files.get_file_from_path(catalog.pages[link.page_id].src_path).url_relative_to(page.file)
        return url + (f"#{link.anchor}" if link.anchor else "")

    def title_of(link):
        title = catalog.pages[link.page_id].title
        heading = anchors.get(link.page_id, {}).get(link.anchor) if link.anchor else None
        return f"{title} › {heading}" if heading else title

    guide = state.exam_guide
    domains = guidemap.build(guide, _bank.questions, url_of, title_of)
    block = templates.get_template("partials/exam-guide-map.html").render(
        guide=guide,
        domains=domains,
        summary=guidemap.summary(domains, _bank.questions),
        task_target=guidemap.TASK_TARGET,
        skill_target=guidemap.SKILL_TARGET,
    )
    page.content = page.content.replace(guidemap.MARKER, block, 1)


def _fill_app_pages(page, templates, files):
    content = page.content or ""
    bank_url = get_relative_url(quizzes.BANK_URI, page.url)
    root = get_relative_url("./", page.url)

    def url_of(src):  # a whole-site page's URL from here, "" when the site has no such page
        found = files.get_file_from_path(src)
        return found.url_relative_to(page.file) if found is not None else ""

    match = _EXAM_MARKER.search(content)
    if match:
        options = dict(_OPTION.findall(match.group(1)))
        block = templates.get_template("partials/quiz-exam.html").render(
            bank_url=bank_url,
            root=root,
            total=len(_bank.questions),
            count=min(int(options.get("questions", 75)), max(len(_bank.questions), 1)),
            minutes=int(options.get("minutes", 180)),
            guide_url=url_of("exam-guide.md"),
            **quizzes.study_sets(_bank_json),
        )
        content = content[: match.start()] + block + content[match.end() :]
    if quizzes.PROGRESS_MARKER in content:
        block = templates.get_template("partials/quiz-progress.html").render(
            bank_url=bank_url, root=root, exam_url=url_of("practice-exam.md"), guide_url=url_of("exam-guide.md")
        )
        content = content.replace(quizzes.PROGRESS_MARKER, block, 1)
    page.content = content


def on_post_build(config):
    if _bank_json is None:
        return
    target = Path(config.site_dir) / quizzes.BANK_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(_bank_json, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
