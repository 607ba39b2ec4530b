"""The client's build: pyproject.toml has its metadata; this adds the
compilation of its translation catalogues (the openstack command's
words) to build_py."""

import pathlib
import sys

import setuptools

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from quick_backup_client import catalogues  # noqa: E402 (not installed yet)

setuptools.setup(
    cmdclass={"build_py": catalogues.build_py_command("quick_backup_client")})
