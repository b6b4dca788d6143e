"""Policy eligibility, framework-free: which enterprises a policy or financing product fits,
and why, condition by condition.

- ``attributes``: the registry of enterprise attributes a rule may name (kind, unit, zh/en label).
- ``operators``: the registry of rule operators (eq … exists), each with a scalar and array form.
- ``rules``: ``Condition`` and ``Policy``, parsed and checked against both registries.
- ``table``: the enterprises as columns; ``enterprises``: that table from the warehouse + profiles.
- ``match``: the vectorised matcher and the per-condition explanation.
- ``reference``: the same meaning as a naive loop (tests' oracle, benchmark baseline).
"""
