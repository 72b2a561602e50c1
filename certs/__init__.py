"""Certificate profiles and CA hierarchies, as data (profiles.toml)."""
