"""Builds the Parley SQLite database from the curated, cited files in this folder."""
