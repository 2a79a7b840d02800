"""The draft report's inputs and the review's log: plain data that services, storage and
exporters share."""
