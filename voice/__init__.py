"""Ears, mouth and entry points: audio in, recognizers, speech out, the session loop, the CLI."""
