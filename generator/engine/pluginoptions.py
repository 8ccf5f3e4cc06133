"""The plugins' options without the plugins' code, for the editors'
commands, which read mkdocs.yml but build nothing.

To validate a plugin's options, MkDocs' loader imports the plugin: ours
imports the whole build (pages, feeds, share cards), Material's search
plugin the segmenter jieba, and both take longer to import than the check
takes to run. Of a plugin the loader validates only its options: its
``config_class`` through :meth:`BasePlugin.load_config`. So, while the
commands load a config (:func:`options_only`), these two plugins' entry
points name classes that have their options and nothing else.

This relies on one of MkDocs' internals: the loader finds a plugin's entry
point in ``installed_plugins`` of the ``plugins`` option of
:class:`MkDocsConfig`, read once, and calls its ``load()``, unless its
``plugin_cache`` holds the plugin from an earlier build of the process.
``tests/test_startup.py`` checks it, and that each stand-in validates as
its plugin does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import EntryPoint

from material.plugins.search.config import SearchConfig  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from generator.engine.config import PledgesConfig


class PledgesOptions(BasePlugin[PledgesConfig]):  # type: ignore[no-untyped-call]
    """The options of ``pledges``, validated as its plugin validates them."""


class SearchOptions(BasePlugin[SearchConfig]):  # type: ignore[no-untyped-call]
    """The options of Material's ``search``, validated as its plugin validates them."""


#: Each plugin, as its entry point names it, and the class of its options alone.
STAND_INS: dict[str, type[BasePlugin]] = {  # type: ignore[type-arg]
    "generator.engine.plugin:PledgesPlugin": PledgesOptions,
    "material.plugins.search.plugin:SearchPlugin": SearchOptions,
}


@contextmanager
def options_only() -> Iterator[None]:
    """While it lasts, MkDocs' loader loads the plugins of :data:`STAND_INS`
    as their stand-ins (in this thread or any other). Should a MkDocs keep
    its plugins elsewhere, it loads the plugins themselves: slower, the same."""
    installed = getattr(MkDocsConfig.plugins, "installed_plugins", None)
    if not isinstance(installed, dict):
        yield
        return
    saved = dict(installed)
    for name, point in saved.items():
        stand_in = STAND_INS.get(point.value)
        if stand_in is not None:
            installed[name] = EntryPoint(name, f"{__name__}:{stand_in.__name__}", point.group)
    # The plugins a build of this process made are kept for the next build
    # (the loader's plugin_cache): hidden meanwhile, or it would hand them out.
    cache = getattr(MkDocsConfig.plugins, "plugin_cache", None)
    made = dict(cache) if isinstance(cache, dict) else {}
    if isinstance(cache, dict):
        cache.clear()
    try:
        yield
    finally:
        installed.clear()
        installed.update(saved)
        if isinstance(cache, dict):
            cache.clear()
            cache.update(made)
