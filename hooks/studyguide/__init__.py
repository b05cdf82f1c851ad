"""The study site's logic, as plain Python that knows nothing of MkDocs.

The files in ``hooks/`` only wire MkDocs events to these modules, so every rule
here is unit-tested without building a site (see ``tests/``).
"""
