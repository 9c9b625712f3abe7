"""The Sphinx layer: markup, transforms, writers and builders over the pure core."""
