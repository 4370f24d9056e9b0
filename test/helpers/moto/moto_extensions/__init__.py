"""private-eks extensions to moto, installed by ../launcher.py (see ../README.md)."""
