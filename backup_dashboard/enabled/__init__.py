"""Horizon enabled files: copy them into openstack_dashboard/local/enabled/."""
