"""The workflow layer's subscribers to events from the integrations (``core.events``):
one module per integration kind (payments, postal, ...), each registering its handlers at
import. ``load_all`` imports every module of this package (``WorkflowsConfig.ready``)."""

import importlib
import pkgutil


def load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
