"""``python -m framelens.validation`` prints the certainty-rating table (``--refit`` refits)."""

from __future__ import annotations

import sys

from framelens.validation.certainty import main

if __name__ == "__main__":
    sys.exit(main())
