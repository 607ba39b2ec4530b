"""Native threads where a service has them, eventlet where it has only that.

A release with ``<package>.monkey_patch.patch(backend=...)`` runs on native
threads, as devcloud always ran the newest series: Nova from 33 (2026.1),
Cinder 29 (2026.2) and whichever earlier Cinder has it. Without it (Nova
29-32 of 2024.1-2025.2; Cinder 24 of 2024.1, which has no
``cinder.monkey_patch`` at all) a service, oslo.service and oslo.messaging's
executors run on eventlet only: devcloud monkey patches the process with
eventlet as their own entry points (``nova.monkey_patch``,
``cinder.cmd.volume``) do, and as Nova's functional tests run every Nova
service in one eventlet process. The choice is made by feature, not by
version number.

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

