"""Quotes and their speakers: extraction, attribution, speaker names across scripts, matching across articles."""
