"""Packaging of backup-dashboard, the Horizon plugin (the nova-api filter is
quick_backup_server/, a distribution of its own)."""

import pathlib
import sys

import setuptools
from setuptools.command import build_py

HERE = pathlib.Path(__file__).resolve().parent


class BuildPyWithCatalogues(build_py.build_py):
    """Also compile the translation catalogues (.po to .mo): into the build
    for a wheel, beside the .po for an editable install; an incomplete
    catalogue fails the build."""

    def run(self):
        super().run()
        sys.path.insert(0, str(HERE))  # backup_dashboard, not installed yet
        from backup_dashboard import catalogues
        if getattr(self, "editable_mode", False):
            target = catalogues.LOCALE_DIR
        else:
            target = pathlib.Path(self.build_lib, "backup_dashboard",
                                  "locale")
        try:
            written = catalogues.compile_catalogues(target)
        except catalogues.IncompleteCatalogue as problem:
            raise SystemExit(str(problem))
        for path in written:
            self.announce("compiled %s" % path, level=2)

setuptools.setup(
    name="backup-dashboard",
    version="0.1.0",
    description="Quick Backup of Nova instances for OpenStack Dashboard "
                "(Horizon)",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.9",
    # The nova-api filter is its own distribution (quick_backup_server/):
    # the dashboard uses its protocol module and does not ship it.
    packages=setuptools.find_packages(
        include=["backup_dashboard", "backup_dashboard.*"]),
    include_package_data=True,
    package_data={"backup_dashboard": ["templates/*/*.html",
                                       "static/*/*.js",
                                       "locale/*/LC_MESSAGES/*.po"]},
    cmdclass={"build_py": BuildPyWithCatalogues},
    data_files=[("share/backup-dashboard/enabled",
                 ["enabled/_1920_project_quick_backup_panel.py"])],
    install_requires=[
        "horizon>=24.0.0,<28",
        "python-novaclient>=18.0.0",
        "keystoneauth1>=5.0.0",
        "quick-backup-server",
        # The openstack command: server quick-backup (backup_dashboard/osc).
        "python-openstackclient>=6.6.0",
        "osc-lib>=2.0.0",
    ],
    entry_points={
        "novaclient.extension": [
            "quick_backups = backup_dashboard.novaclient_ext.quick_backup",
        ],
        "openstack.cli.extension": [
            "quick_backup = backup_dashboard.osc.plugin",
        ],
        "openstack.quick_backup.v1": [
            "server_quick-backup = "
            "backup_dashboard.osc.create:CreateQuickBackup",
            "server_quick-backup_list = "
            "backup_dashboard.osc.listing:ListQuickBackups",
        ],
    },
    classifiers=[
        "Environment :: OpenStack",
        "Framework :: Django",
        "License :: OSI Approved :: Apache Software License",
        "Programming Language :: Python :: 3",
    ],
)
