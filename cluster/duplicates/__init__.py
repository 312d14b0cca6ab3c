"""Passage vectors -> verified duplicate pairs -> groups: neighbour search, lexical verification, match types."""
