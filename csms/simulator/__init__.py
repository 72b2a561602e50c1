"""Simulated cars and stations, for `csms demo` and for trying a deployment end to end."""
