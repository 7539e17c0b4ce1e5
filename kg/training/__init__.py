"""Reproducible training of kg's Indonesian stanza models (``kg models train``).

Everything here drives stanza's own data preparation scripts and trainers, pointed at a scratch work
directory outside the repository; only the final, shrunk model files are copied into ``kg/models/id``.
"""
