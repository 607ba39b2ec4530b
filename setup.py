"""Packaging of backup-dashboard, the Horizon plugin (the nova-api filter is
quick_backup_server/, a distribution of its own)."""

import setuptools

setuptools.setup(
    name="backup-dashboard",
    version="0.1.0",
    description="Quick Backup of Nova instances for OpenStack Dashboard "
                "(Horizon)",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.10",
    # The nova-api filter is its own distribution (quick_backup_server/):
    # the dashboard uses its protocol module and does not ship it.
    packages=setuptools.find_packages(
        include=["backup_dashboard", "backup_dashboard.*"]),
    include_package_data=True,
    package_data={"backup_dashboard": ["templates/*/*.html",
                                       "static/*/*.js"]},
    data_files=[("share/backup-dashboard/enabled",
                 ["enabled/_1920_project_quick_backup_panel.py"])],
    install_requires=[
        "horizon>=27.0.0,<28",
        "python-novaclient>=18.0.0",
        "keystoneauth1>=5.0.0",
        "quick-backup-server",
    ],
    entry_points={
        "novaclient.extension": [
            "quick_backups = backup_dashboard.novaclient_ext.quick_backup",
        ],
    },
    classifiers=[
        "Environment :: OpenStack",
        "Framework :: Django",
        "License :: OSI Approved :: Apache Software License",
        "Programming Language :: Python :: 3",
    ],
)
