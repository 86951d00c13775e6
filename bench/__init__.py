"""Load generator and report for one serving process (``python -m bench --help``).

See docs/performance.md for what it measures and the figures on this machine.
"""
