import subprocess
import sys

from flask import Flask

from tourroute import create_app


def test_factory_builds_independent_apps(tmp_path) -> None:
    first = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'a.sqlite'}"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'b.sqlite'}"})
    assert first is not second
    assert first.config["SQLALCHEMY_DATABASE_URI"] != second.config["SQLALCHEMY_DATABASE_URI"]
    assert "pages" in first.blueprints


def test_wsgi_exposes_an_app() -> None:
    import wsgi

    assert isinstance(wsgi.app, Flask)


def test_core_does_not_import_flask_or_sqlalchemy() -> None:
    code = (
        "import sys, pkgutil, importlib, tourroute.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'tourroute.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "web = ('flask', 'sqlalchemy', 'flask_sqlalchemy')\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in web]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
