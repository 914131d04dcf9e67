"""seuranta: a Git-native repository of development-programme measures, and its validator."""

__version__ = "0.1.0"
