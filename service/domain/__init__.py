"""The pure core: text -> claims -> assertions -> facts -> verdicts.

Nothing in this package imports HTTP, database or settings code.
"""
