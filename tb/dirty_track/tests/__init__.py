"""pyuvm tests of dirty_track; manifest.py names, for each cocotb test, the class it runs
("module.Class" in this package)."""
