"""Hook: 'Last updated <date>' at the foot of every page, from git history.

Wiring only; hooks/studyguide/last_updated.py finds the dates. Material's
partials/source-file.html shows ``page.meta.revision_date``. Outside a git work tree
(a downloaded archive, a container without .git) the file's modification time is
used instead, and the build says so once at INFO level.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from studyguide import last_updated

log = get_plugin_logger(__name__)

_dates: dict[str, int] | None = None


def on_pre_build(config):
    global _dates
    _dates = last_updated.git_dates(config.docs_dir)
    if _dates is None:
        log.info("docs/ is not in a git work tree: 'Last updated' dates come from the files' modification times")


def on_page_markdown(markdown, page, config, files):
    found = last_updated.page_date(page.file.src_uri, page.file.abs_src_path, _dates)
    if found is not None:
        date, source = found
        page.meta["revision_date"] = last_updated.label(date)
        page.meta["revision_date_source"] = source
    return markdown
