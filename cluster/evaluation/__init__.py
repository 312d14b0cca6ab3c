"""Scores on labelled data: gold sets, metrics, baselines, calibration, the benchmark and the quote evaluation."""
