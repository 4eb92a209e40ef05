"""The sriov_ep tests (pyuvm), one module per topic; tb/sriov_ep/manifest.py names them."""
