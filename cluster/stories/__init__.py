"""Articles and their duplicates -> stories and storylines: pair signals, clustering, labels and keywords."""
