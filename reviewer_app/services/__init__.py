"""Use cases: what the window and the command line ask for, over repository protocols."""
