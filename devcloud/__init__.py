"""devcloud: a throwaway local OpenStack for demos and browser tests.

Runs real Keystone, Placement, Glance and Nova (fake virt driver) from the
virtualenv, plus a tiny read-only Neutron stand-in, each in its own process
on 127.0.0.1, with fresh SQLite databases under a state directory.

Start it with ``python -m devcloud up --state-dir DIR``; the endpoints and
credentials are written to ``DIR/cloud.json``.
"""

REGION = "RegionOne"
