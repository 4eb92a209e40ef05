"""pyuvm tests of the port configurator; manifest.py names, for each cocotb test, the class it runs
("module.Class" in this package)."""
