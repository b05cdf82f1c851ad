"""Hook: the live preview. Under `mkdocs serve`, a failed build shows in the browser, not only
in the terminal, and the hooks keep their results across rebuilds; under `mkdocs build`
they keep them on disk for the next build (issue 22, studyguide/buildcache.py).

Wiring only; the logic lives in hooks/studyguide/preview.py. ``on_serve`` is the one
event that sees the live-reload server: its builder and its WSGI app are wrapped there.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import buildcache, preview

log = get_plugin_logger(__name__)

STORE = ".cache/studyguide-build"  # beside mkdocs.yml; .cache/ is ignored by git
_command = None


def on_startup(command, dirty):
    global _command
    _command = command
    # Results kept in memory across rebuilds where there are rebuilds (studyguide/buildcache.py).
    buildcache.enable(command == "serve")


def on_config(config):
    # `mkdocs build`: results kept on disk for the next build, under a fingerprint of the code
    # and settings they depend on beyond their keys. Not under `serve`: writing the stores after
    # every rebuild would cost the preview time that memory already saves.
    if _command in ("build", "gh-deploy"):
        project = Path(config.config_file_path).parent
        inputs = [Path(buildcache.__file__).parents[1], Path(config.config_file_path)]
        if config.theme.custom_dir:
            inputs.append(Path(config.theme.custom_dir))
        plugins = {name: dict(getattr(plugin, "config", None) or {}) for name, plugin in config.plugins.items()}
        settings = repr((config.site_url, config.use_directory_urls, config.mdx_configs, dict(config.extra), plugins))
        settings = re.sub(r" at 0x[0-9a-f]+", "", settings)  # a function's repr holds its address: not a setting
        buildcache.persist(project / STORE, inputs, settings)
    return config


_templates = buildcache.TemplateCode(buildcache.BuildCache("jinja.templates"))


# First, before any hook renders a template with the new environment.
@event_priority(100)
def on_env(env, config, files):
    _templates.cache.start_build()
    env.bytecode_cache = _templates  # compiled templates reused across builds (studyguide/buildcache.py)
    return env


def on_post_build(config):
    buildcache.save_all()  # only a build that succeeded gets here: a failed one leaves the stores as they were


def on_serve(server, config, builder):
    try:
        render = preview.banner_renderer(config.theme.get_env())
    except Exception as error:  # a broken theme must not stop the preview
        log.warning("the build-error banner falls back to plain HTML: %s", error)
        render = preview.plain_banner
    state = preview.Preview(render)
    server.builder = state.wrap_builder(server.builder, log, config.site_dir)
    server.set_app(state.wrap_app(server.get_app()))
    return server
