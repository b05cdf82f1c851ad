"""Hook: quiz questions beside each page, the practice exam and the progress page.

Wiring only; loading, checks and views live in hooks/studyguide/quizzes.py.
- on_files: load and validate every ``*.quiz.yml`` (after the catalog, which has priority 100);
- on_env: every page is converted, so check each ``source`` against the real anchors;
- on_post_build: write the bank as ``assets/quiz-bank.json`` for the exam and progress pages.

Each page's quiz block, the practice exam and progress pages and the exam-guide map are the
Markdown extension studyguide.mdext.quizzes (so Zensical shows them too), which gets the bank
from this hook (``sitedata.pin``). The block carries ``data-search-exclude``:
hooks/search_exclude.py hides it from the search plugin, so the questions and answers are not
indexed, as when the block was added after indexing.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from studyguide import buildcache, examguide, quizzes, sitedata, state
from studyguide.errors import DataError, join_errors
from studyguide.mdext import quizzes as mdext_quizzes

log = get_plugin_logger(__name__)


# Per-build state, reset in on_pre_build (mkdocs serve keeps this module loaded).
_bank: quizzes.Bank | None = None
_bank_json: dict | None = None
_bank_key = ""  # the quiz files and the catalog they were checked against
_bank_json_key = ""  # and the pages' headings and URLs: the JSON bank's inputs
# `mkdocs serve`: the bank, each page's block and the JSON bank, reused while their inputs are unchanged.
_banks = buildcache.BuildCache("quizzes.bank")
_rendered = buildcache.BuildCache("quizzes.rendered")
_guides = buildcache.BuildCache("quizzes.exam_guide")


def on_pre_build(config):
    global _bank, _bank_json
    _bank = None
    _bank_json = None
    _banks.start_build()
    _guides.start_build()
    _rendered.start_build()
    mdext_quizzes.BLOCKS.start_build()
    mdext_quizzes.WHOLE_SITE.start_build()  # `mkdocs serve`: each page's quiz block, reused while unchanged


def on_files(files, config):
    global _bank, _bank_key
    sources = [(f.src_uri, f.content_string) for f in files if f.src_uri.endswith(quizzes.SUFFIX)]
    catalog = state.require_catalog()
    guide_file = files.get_file_from_path(examguide.PATH)
    if guide_file is None:
        raise PluginError(f"docs/{examguide.PATH} is missing: the exam guide's domains, tasks and skills")
    guide_text = guide_file.content_string
    try:
        guide = state.exam_guide = _guides.get(buildcache.key("exam-guide", guide_text), lambda: examguide.load(guide_text))
    except DataError as error:
        raise PluginError(str(error)) from None
    _bank_key = buildcache.key(sitedata.digest(catalog), guide_text, *(part for source in sources for part in source))
    bank, errors = _banks.get(_bank_key, lambda: quizzes.load_bank(sources, catalog, guide))
    sitedata.known_digest(bank, _bank_key)
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

    # The bank's JSON depends on the bank, every page's headings (source titles) and the URLs.
    # Sorted all the way down: a page's anchors come partly from a set, whose order changes from one
    # process to the next (string hashing), and the key must not (the build cache is on disk).
    inputs = buildcache.key(_bank_key, repr(sorted((k, sorted(v.items())) for k, v in anchors.items())), config.use_directory_urls)
    global _bank_json_key
    _bank_json_key = buildcache.key(inputs, "bank.json")
    _bank_json = _rendered.get(  # before the exam page: its study sets come from it
        _bank_json_key,
        lambda: quizzes.bank_json(_bank, catalog, anchors, lambda src: files.get_file_from_path(src).url, state.exam_guide),
    )
    return env


def on_post_build(config):
    if _bank_json is None:
        return
    target = Path(config.site_dir) / quizzes.BANK_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    text = _rendered.get(_bank_json_key + "-text", lambda: json.dumps(_bank_json, ensure_ascii=False, separators=(",", ":")))
    target.write_text(text, encoding="utf-8")
