"""hismigrate: assess and plan the move of Japanese hospital information systems to the cloud."""

__version__ = "0.1.0"
