"""``python -m extractor`` is the same as the ``extractor`` command."""

from .cli import main

main()
