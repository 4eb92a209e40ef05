"""pyuvm environment of the dirty-write tracking block: one component per job (see env.py)."""
