"""Files and records -> Articles: readers for every input format and publication dates; bad input -> named skips."""
