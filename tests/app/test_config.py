from pathlib import Path

import pytest

from tourroute import create_app
from tourroute.config import DEV_SECRET_KEY, ConfigError, load_config


def test_defaults_use_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    config = load_config({}, instance_path=tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'tourroute.sqlite'}"
    assert config["SECRET_KEY"] == DEV_SECRET_KEY
    assert config["REDIS_URL"] is None
    assert config["PORT"] == 5000
    assert config["SESSION_COOKIE_SECURE"] is False


def test_environment_overrides_defaults(tmp_path: Path) -> None:
    config = load_config(
        {
            "TOURROUTE_DATABASE_URL": "postgresql+psycopg://u@h/db",
            "TOURROUTE_PORT": "8080",
            "TOURROUTE_REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        instance_path=tmp_path,
    )
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert config["PORT"] == 8080
    assert config["REDIS_URL"] == "redis://127.0.0.1:6379/0"


def test_bad_number_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TOURROUTE_PORT"):
        load_config({"TOURROUTE_PORT": "eighty"}, instance_path=tmp_path)


@pytest.mark.parametrize("secret", [None, DEV_SECRET_KEY, "short"])
def test_production_refuses_a_missing_or_weak_secret(tmp_path: Path, secret: str | None) -> None:
    env = {"TOURROUTE_ENV": "production"}
    if secret is not None:
        env["TOURROUTE_SECRET_KEY"] = secret
    with pytest.raises(ConfigError, match="TOURROUTE_SECRET_KEY"):
        load_config(env, instance_path=tmp_path)


def test_production_with_a_real_secret_starts_with_secure_cookies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOURROUTE_ENV", "production")
    monkeypatch.setenv("TOURROUTE_SECRET_KEY", "x" * 64)
    monkeypatch.setenv("TOURROUTE_DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite'}")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SECRET_KEY"] == "x" * 64


def test_factory_refuses_to_start_in_production_without_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TOURROUTE_ENV", "production")
    monkeypatch.delenv("TOURROUTE_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_postgres_waits_are_bounded_and_url_options_kept(tmp_path: Path) -> None:
    url = "postgresql+psycopg://u@db/tourroute?options=-csearch_path%3Dtr"
    config = load_config(
        {"TOURROUTE_DATABASE_URL": url, "TOURROUTE_DB_LOCK_TIMEOUT_MS": "1500"},
        instance_path=tmp_path,
    )
    options = config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["pool_pre_ping"] is True
    assert options["connect_args"] == {
        "connect_timeout": 5,
        "options": "-csearch_path=tr -c statement_timeout=15000 -c lock_timeout=1500",
    }
    sqlite = load_config({}, instance_path=tmp_path)["SQLALCHEMY_ENGINE_OPTIONS"]
    assert sqlite == {"pool_pre_ping": True}
