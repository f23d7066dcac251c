"""Translation: segments and their alignment, translation memory (TMX), glossary, and the
operations of the translation desk."""
