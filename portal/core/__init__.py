"""Domain rules every capability shares."""
