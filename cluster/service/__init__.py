"""The HTTP service over a store: FastAPI app, its routes and reads (all from SQLite), and a load test."""
