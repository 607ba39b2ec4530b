"""Cinder API, scheduler and volume service in one process.

Native threads, as for Nova: ``cinder.monkey_patch.patch(backend=
"threading")`` before the rest of Cinder is imported; Cinder 24 has only
eventlet (devcloud.concurrency). The three parts talk
over oslo.messaging's in-memory ``fake://`` transport; Cinder keeps a
single transport per process (``cinder.rpc.TRANSPORT``), so unlike Nova
nothing needs sharing by hand.

Cinder's own entry points read their config from ``sys.argv`` and
``/etc/cinder``; this module does what ``cinder.wsgi.wsgi`` and
``cinder.cmd.volume`` do, with ``DIR/cinder/cinder.conf`` instead. The
volume service starts before the scheduler: the scheduler's start waits (up
to ``scheduler_driver_init_wait_time``) until a volume service has told it
its capabilities, which a running volume service does when asked.

Upstream runs one service per process, and ``cinder.service.Service`` keeps
the id of its database row in a *class* attribute, which each ``start()``
overwrites and every heartbeat (``report_state``) uses. Two services here
would heartbeat the same row, and the scheduler would find the volume
service "down" after a minute. So the scheduler sends no heartbeat (it
shows as down in ``os-services``; nothing else looks), and the attribute is
set back to the volume service's row.
"""

from devcloud import concurrency

#: Native threads or, for Cinder 24, eventlet: decided before most of cinder
#: is imported (see devcloud.concurrency).
CONCURRENCY = concurrency.choose("cinder",
                                 "OS_CINDER_DISABLE_EVENTLET_PATCHING")

#: The one backend (a section of cinder.conf) and its volume host name.
BACKEND = "devcloud"


def build_app(layout):
    """Parse ``DIR/cinder/cinder.conf``, start the volume service and the
    scheduler in background threads, and return the API's WSGI app."""
    from oslo_config import cfg
    from oslo_log import log as logging
    from oslo_service import wsgi

    from cinder.common import config
    from cinder.common import constants
    from cinder import coordination
    from cinder import objects
    from cinder import rpc
    from cinder import service

    conf = cfg.CONF
    objects.register_all()
    conf([], project="cinder",
         default_config_files=[layout.path("cinder", "cinder.conf")])
    logging.setup(conf, "cinder")
    config.set_middleware_defaults()
    coordination.COORDINATOR.start()
    rpc.init(conf)
    app = wsgi.Loader(conf).load_app(name="osapi_volume")

    services = [
        service.Service.create(host="%s@%s" % (conf.host, BACKEND),
                               service_name=BACKEND,
                               binary=constants.VOLUME_BINARY),
        service.Service.create(binary=constants.SCHEDULER_BINARY,
                               report_interval=0),
    ]
    for svc in services:
        svc.start()
    service.Service.service_id = services[0].origin_service_id
    return app
