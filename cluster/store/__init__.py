"""The persistent store: SQLite tables, the passage vector index, incremental ingestion and stable story ids."""
