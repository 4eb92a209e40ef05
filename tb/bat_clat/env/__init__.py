"""pyuvm environment of the BAT/CLAT unit: one job per component (see env.py for the wiring)."""
