"""The bottom layer: the product's vocabulary, text rules and error model.

Nothing here imports any other part of ``briefing_app``; every other layer may import it.
"""
