"""BAT/CLAT address-translation unit: pyuvm testbench."""
