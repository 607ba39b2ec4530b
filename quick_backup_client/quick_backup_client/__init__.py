"""Quick Backup's client: the library the dashboard and the command share.

Nothing here imports Django or Horizon; the modules under ``osc`` need
OpenStackClient (the ``[cli]`` extra).
"""
