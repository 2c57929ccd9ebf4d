"""Typed errors raised by the library; only entry points map them to exit codes."""


class PowerTrackerError(Exception):
    """Base class. ``exit_code`` is what an entry point should exit with."""

    exit_code = 3


class ConfigError(PowerTrackerError):
    """A setting or catalog file is wrong: a usage or configuration error."""

    exit_code = 2


class DatabaseError(PowerTrackerError):
    """The database is unreachable or refused an operation: fatal."""

    exit_code = 3


class LockHeld(PowerTrackerError):
    """Another run of the same job holds the lock: fatal, exit at once."""

    exit_code = 3
