"""The bottom of the house: what every package may import (the YAML dialect, where the files are).

Nothing here imports another ffgrid package.
"""
