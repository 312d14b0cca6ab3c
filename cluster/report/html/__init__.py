"""The JSON contract -> one self-contained HTML page (inline CSS and JS from assets/)."""
