"""devcloud: a throwaway local OpenStack and Horizon, for demo and tests.

Real Keystone, Placement, Glance, Nova (fake virt driver) and Cinder (a
driver with no data path) from the virtualenv, a tiny read-only Neutron
stand-in and Horizon with the plugin (gunicorn's worker processes sharing
one memcached), each in its own process on 127.0.0.1, with fresh SQLite
databases under a state directory. Region RegionStock
has the same services, but its compute endpoint is Nova without our filter.
``devcloud.cloud.Cloud`` starts, fills and stops them all; ``python -m
devcloud demo`` runs it until Ctrl-C. The same code runs the services of
the newest series or, from its own virtualenv, the oldest's (2024.1:
``make test-oldest``); what differs is checked by feature where it counts.
"""

import time


def wait_for(predicate, what, timeout=120):
    """Call ``predicate`` every half second until it returns something true,
    and return that; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError("devcloud: no %s after %ds" % (what, timeout))
        time.sleep(0.5)
