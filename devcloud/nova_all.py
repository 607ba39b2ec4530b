"""Nova API, conductor, scheduler and compute in one process.

All four talk over oslo.messaging's in-memory ``fake://`` transport, on
native threads or, for Nova 29-32, eventlet (devcloud.concurrency). That
driver keeps its queues per transport object and Nova creates one transport
per cell mapping, so ``nova.rpc.create_transport`` is wrapped to hand out a
single shared transport; otherwise RPC casts never arrive.

The API has no indirection to the conductor (everything shares the DB
directly, as in Nova's own functional tests).

Two nova-api apps over the same Nova: ``wsgi_app.init_application`` parses
nova.conf and loads the pipelines of ``api-paste.ini`` (with our filter);
once it has, a second ``paste.deploy.loadapp`` of the stock
``api-paste-stock.ini`` builds the same pipelines without the filter, over
the same config, databases and services. devcloud.service serves each on
its own port (RegionOne's and RegionStock's compute endpoints).
"""

import inspect
import os
import sys

from devcloud import concurrency

#: Native threads (Nova 33 on) or eventlet (Nova 29-32): decided before most
#: of nova is imported (see devcloud.concurrency).
CONCURRENCY = concurrency.choose("nova", "OS_NOVA_DISABLE_EVENTLET_PATCHING")

import threading  # noqa: E402 (green under eventlet)

from nova import rpc  # noqa: E402

from devcloud.configs import NOVA_PASTE  # noqa: E402

_shared = []
_shared_lock = threading.Lock()
_create_transport = rpc.create_transport


def _shared_transport(url):
    """Every transport URL here is ``fake://``: always return one object."""
    with _shared_lock:
        if not _shared:
            _shared.append(_create_transport(url))
        return _shared[0]


rpc.create_transport = _shared_transport

#: Nova only loads drivers from ``nova.virt.*``: expose ours there.
DRIVER_MODULE = "nova.virt.devcloud_fake"
API_NAME = "osapi_compute"
API_PROG = "nova-api-os-compute"


def _start_services():
    """Start conductor, scheduler and compute (in that order)."""
    from nova.compute import rpcapi as compute_rpcapi
    from nova import objects
    from nova import service

    from devcloud import fake_driver

    sys.modules[DRIVER_MODULE] = fake_driver

    objects.Service.enable_min_version_cache()
    specs = [
        dict(binary="nova-conductor", topic="conductor"),
        dict(binary="nova-scheduler", topic="scheduler"),
        dict(binary="nova-compute", topic=compute_rpcapi.RPC_TOPIC),
    ]
    # Newer Nova's compute (34's) also listens on a second topic; 29's not.
    if hasattr(compute_rpcapi, "RPC_TOPIC_ALT"):
        specs[-1]["topic_alt"] = compute_rpcapi.RPC_TOPIC_ALT
    services = []
    for spec in specs:
        svc = service.Service.create(**spec)
        svc.start()
        services.append(svc)
    return services


def build_apps(layout):
    """Load nova-api's WSGI apps from DIR/nova and start the other services.

    Returns the WSGI applications with and without the Quick Backup filter;
    the services keep running in background threads of this process.
    """
    os.environ["OS_NOVA_CONFIG_DIR"] = layout.path("nova")
    os.environ["OS_NOVA_CONFIG_FILES"] = "%s;nova.conf" % NOVA_PASTE[True]
    from nova.api.openstack import wsgi_app
    from paste import deploy

    # Nova 29 (2024.1) takes the app's name only; later ones its prog too.
    prog = ([API_PROG] if "prog" in inspect.signature(
        wsgi_app.init_application).parameters else [])
    app = wsgi_app.init_application(API_NAME, *prog)
    stock = deploy.loadapp("config:" + layout.path("nova", NOVA_PASTE[False]),
                           name=API_NAME)
    _start_services()
    return app, stock
