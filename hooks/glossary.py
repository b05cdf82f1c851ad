"""Hook: check the glossary before the build converts any page.

The tooltips and the glossary page are the Markdown extension ``studyguide.mdext.glossary``
(listed in mkdocs.yml), which every engine runs. This hook reads
``docs/includes/abbreviations.md`` once per build, so bad input fails in ``on_config`` with
one error naming its line, and hands the terms to the extension (``sitedata.pin``).

Why an extension at all: appending the file to every page instead (pymdownx.snippets'
auto_append, read by the ``abbr`` extension) made the block parser re-test the
shrinking definition block once per definition, on every page: 60% of the build,
and quadratic in the glossary's size.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from studyguide import sitedata
from studyguide.errors import DataError


def on_files(files, config):
    try:
        terms = sitedata.glossary_terms(config.docs_dir)
    except DataError as error:
        raise PluginError(str(error)) from None
    sitedata.pin(config.docs_dir, glossary=terms)
    return files
