"""The coach keeps no findings of its own (they are computed from the candidate's data); it
stores only what the candidate decided about them. Models are added by the coach work."""
