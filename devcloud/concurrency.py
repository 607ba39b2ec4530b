"""Native threads where a service has them, eventlet where it has only that.

Nova from 33 (2026.1) and Cinder's releases of 2026 have
``<package>.monkey_patch.patch(backend=...)``: devcloud runs them on native
threads, as it always has. Nova 29-32 (2024.1-2025.2) and Cinder 24 (2024.1;
it has no ``cinder.monkey_patch`` at all) have no such backend: their
services, oslo.service and oslo.messaging's executors all run on eventlet,
so devcloud monkey patches their process with eventlet as their own
entry points (``nova.monkey_patch``, ``cinder.cmd.volume``) do, and as
Nova's functional tests run every Nova service in one eventlet process.

Monkey patching counts only before sockets, selectors and locks exist:
devcloud.service imports the service's module (which calls ``choose``)
before werkzeug, SQLAlchemy and the rest. Remove the eventlet branch once
the oldest series tested has a native-threads Nova and Cinder.
"""

import importlib
import inspect
import os


def choose(package, disable_eventlet_variable):
    """Set up ``package``'s concurrency before the rest of it is imported;
    return ``"threading"`` or ``"eventlet"``.

    ``disable_eventlet_variable`` (``OS_NOVA_DISABLE_EVENTLET_PATCHING``...)
    is set first: it makes the native-threads backend the choice where
    there is one, and keeps Nova 29's ``nova.monkey_patch`` from patching
    on import (that one only patches, with nothing to call).
    """
    os.environ.setdefault(disable_eventlet_variable, "1")
    try:
        module = importlib.import_module(package + ".monkey_patch")
    except ImportError:  # Cinder 24
        module = None
    patch = getattr(module, "patch", None)
    if patch is not None and "backend" in inspect.signature(patch).parameters:
        patch(backend="threading")
        return "threading"
    _eventlet()
    return "eventlet"


def _eventlet():
    """What Nova 29's ``nova.monkey_patch`` and Cinder 24's
    ``cinder.cmd.volume`` do: patch everything, then point the original
    ``threading.current_thread`` at the patched thread table (eventlet
    issue 592)."""
    import eventlet
    eventlet.monkey_patch()
    import __original_module_threading as orig_threading
    import threading
    orig_threading.current_thread.__globals__["_active"] = threading._active

