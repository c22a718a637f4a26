"""Numbers the model and its readers agree on, named once."""

from __future__ import annotations

import math

INF = math.inf
EUR_TOLERANCE = 0.5           # amounts are whole euros: half a euro tells "at the bound" from "below it"
RELATIVE_TOLERANCE = 1e-6     # a count or a column total is at its bound within this share of the bound
SCORE_STEP = 1e-3             # explanations find the score that flips a candidate to this many points
