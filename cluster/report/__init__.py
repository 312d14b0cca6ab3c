"""Result -> what a reader sees: the JSON contract, the terminal report, the HTML page, CSV tables."""
