"""Each knowledge file's loader: the shipped file is valid, and a broken one is
refused on load with the entry named (never half-applied)."""
