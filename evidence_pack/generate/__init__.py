"""Writers of realistic documents (PDF, web pages, Word, plain text) from text we supply.

Tests, benchmarks, the self-test and the bundled sample pack all need real files in the
formats users import. Writing them here, from our own text, means no test depends on files
we did not make, and the sample pack always matches the story its claims quote.
"""
