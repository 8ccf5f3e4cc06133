"""Importing an article as the newspaper's system exports it: its header,
byline and body read (``article*``), the pledge candidates found in its
answers (``candidates``, ``clauses``, ``deadlines``, ``targets``), and the
interview file written (``interviewfile``); ``importer`` is the entry point."""
