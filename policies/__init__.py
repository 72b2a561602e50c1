"""Casbin model and seed policy (data): `model.conf`, `seed.csv`."""

from importlib import resources
from pathlib import Path


def model_path() -> Path:
    return Path(str(resources.files(__name__).joinpath("model.conf")))


def seed_path() -> Path:
    return Path(str(resources.files(__name__).joinpath("seed.csv")))
