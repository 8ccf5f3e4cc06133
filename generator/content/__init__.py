"""The content: interview files read into the model and checked, every
problem with its file and line."""
