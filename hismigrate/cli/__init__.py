"""The command line: a thin translator from arguments to pipeline calls and from errors to exit codes."""
