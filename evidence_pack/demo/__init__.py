"""The bundled sample pack: a fictional local story that shows what the product is for."""
