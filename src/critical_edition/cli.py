"""``python -m critical_edition check [DIR]``: the checks of the edition without a Sphinx build."""
def main() -> int:
    return 0
