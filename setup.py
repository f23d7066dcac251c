"""What pyproject.toml cannot say: resources/ ships inside the package, as app.resources, with
the interface's translations compiled.

The repository keeps its data at the top (resources/: themes, icons, the .po catalogs); mapped
into the package, a wheel, an editable install and a PyInstaller bundle all find it with
importlib.resources.files("app.resources"), one way everywhere. The compiled catalogs (.mo)
are never committed: a build makes them from the .po files (as scripts/setup does for a
checkout), so every wheel has them.
"""

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    """Builds the package, then compiles each resources/locale/*/LC_MESSAGES/*.po into it."""

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path("resources/locale").glob("*/LC_MESSAGES/*.po")):
            mo = Path(self.build_lib, "app", po.with_suffix(".mo"))
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source)
            with mo.open("wb") as target:
                write_mo(target, catalog)


setup(
    packages=[*find_packages(include=["app", "app.*"]), "app.resources"],
    package_dir={"app.resources": "resources"},
    cmdclass={"build_py": BuildWithCatalogs},
)
