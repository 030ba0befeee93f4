"""Benchmarks that check the performance budgets of DESIGN §9 (run them, they print; they are not tests)."""
