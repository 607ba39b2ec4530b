"""Horizon enabled files of the plugin: copy them into openstack_dashboard/local/enabled/."""
