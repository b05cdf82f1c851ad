"""Hook: 'Last updated <date>' at the foot of every page, from git history.

Wiring only; hooks/studyguide/last_updated.py finds the dates. Material's
partials/source-file.html shows ``page.meta.revision_date``. Outside a git work tree
(a downloaded archive, a container without .git) the file's modification time is
used instead, and the build says so once at INFO level.

``git log`` starts in on_pre_build and runs beside MkDocs reading the files and the
other hooks' on_files; the first page waits for it, if it has not finished by then.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from studyguide import last_updated

log = get_plugin_logger(__name__)

_git: last_updated.GitDates | None = None
_dates: dict[str, int] | None = None


def on_pre_build(config):
    global _git, _dates
    if _git is not None:  # `mkdocs serve`: a rebuild after a failed one
        _git.close()
    _git = last_updated.GitDates(config.docs_dir)
    _dates = None


def _page_dates() -> dict[str, int] | None:
    global _git, _dates
    if _git is not None:
        _dates = _git.result()
        _git = None
        if _dates is None:
            log.info("docs/ is not in a git work tree: 'Last updated' dates come from the files' modification times")
    return _dates


def on_page_markdown(markdown, page, config, files):
    found = last_updated.page_date(page.file.src_uri, page.file.abs_src_path, _page_dates())
    if found is not None:
        date, source = found
        page.meta["revision_date"] = last_updated.label(date)
        page.meta["revision_date_source"] = source
    return markdown


def _stop():
    global _git
    if _git is not None:  # no page asked (a build that failed first, or one with no pages)
        _git.close()
        _git = None


def on_post_build(config):
    _stop()


def on_build_error(error):
    _stop()
