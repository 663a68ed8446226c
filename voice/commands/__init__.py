"""Subcommands of `ivig-voice`, one module each."""
