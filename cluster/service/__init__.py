"""The HTTP service over a store: FastAPI app, read views, and a load test."""
