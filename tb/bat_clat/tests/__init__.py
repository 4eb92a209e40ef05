"""pyuvm tests of the BAT/CLAT unit; manifest.py names, for each cocotb test, the class it runs
("module.Class" in this package). tests/base.py holds the base test and the shared helpers."""
