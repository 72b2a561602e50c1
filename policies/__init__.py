"""Casbin model and seed policy (data)."""
