"""Benchmark of the plans dashboard and summary at national scale (see README, "Benchmarks")."""
