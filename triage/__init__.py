"""The assistant's brain: medical knowledge as data, understanding, rules and dialogue.

Pure Python: no audio, no printing, so every behaviour can be tested with plain strings.
"""
