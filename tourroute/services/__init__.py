"""Use cases over the database: the only layer that opens queries.

Services flush; the request (or CLI command) boundary commits or rolls back once.
"""
