"""What pyproject.toml cannot say: resources/ ships inside the package, as app.resources.

The repository keeps its data at the top (resources/: themes, later UI catalogs); mapped
into the package, a wheel, an editable install and a PyInstaller bundle all find it with
importlib.resources.files("app.resources"), one way everywhere.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["app", "app.*"]), "app.resources"],
    package_dir={"app.resources": "resources"},
)
