"""Text encoders (TF-IDF by default, sentence embeddings when installed) and the reducer.

An encoder turns texts into rows of unit length, so that a dot product is a cosine: TF-IDF gives
sparse rows, over terms that can be quoted back in an explanation; a sentence model, dense rows.
The reducer projects either kind onto a few dense dimensions, which is what candidate generation
scans; the final score always uses the encoder's own rows.
"""

import importlib.util
import re
from collections.abc import Sequence
from typing import ClassVar, Protocol

import numpy as np
import scipy.sparse as sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    strip_accents_unicode,
)

TextMatrix = sparse.csr_matrix | np.ndarray

# Members write in English and in Romanian; Romanian's commonest words carry no meaning either.
# The words are written without diacritics because accents are stripped before tokenising.
ROMANIAN_STOP_WORDS = frozenset(
    {
        "a",
        "acea",
        "aceasta",
        "acest",
        "acesta",
        "ai",
        "al",
        "ale",
        "am",
        "ar",
        "as",
        "asa",
        "au",
        "avem",
        "aveti",
        "ca",
        "cand",
        "care",
        "ce",
        "cel",
        "cea",
        "cei",
        "cu",
        "da",
        "dar",
        "de",
        "din",
        "dupa",
        "el",
        "ea",
        "ei",
        "eu",
        "fi",
        "fie",
        "in",
        "intr",
        "intre",
        "la",
        "le",
        "mai",
        "ne",
        "nici",
        "noi",
        "nu",
        "o",
        "pe",
        "pentru",
        "prin",
        "sa",
        "se",
        "si",
        "sau",
        "sunt",
        "suntem",
        "tot",
        "toate",
        "un",
        "una",
        "unei",
        "unor",
        "unui",
        "va",
        "vom",
        "voi",
    }
)
STOP_WORDS = ENGLISH_STOP_WORDS | ROMANIAN_STOP_WORDS

# Words of two letters or more, without digits: "5G" and "2030" are noise in what people offer.
WORD = re.compile(r"\b[^\W\d_]{2,}\b")
# Punctuation that ends a phrase: "sensors, parking" must not make the phrase "sensors parking".
PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"/|\n]+")


def analyze(document: str) -> list[str]:
    """Return the words of `document` and its two-word phrases, which never span a stop word.

    "rooftop solar and demand response" gives "rooftop solar" and "demand response" but not
    "solar demand", which a member never wrote.
    """
    terms: list[str] = []
    for chunk in PHRASE_BREAK.split(strip_accents_unicode(document.lower())):
        run: list[str] = []
        for word in [*WORD.findall(chunk), ""]:  # the empty word ends the last run
            if word and word not in STOP_WORDS:
                terms.append(word)
                if run:
                    terms.append(f"{run[-1]} {word}")
                run.append(word)
            else:
                run = []
    return terms


class TextEncoder(Protocol):
    """What the index needs from a text encoder."""

    kind: ClassVar[str]

    def fit_encode(self, texts: Sequence[str]) -> TextMatrix:
        """Learn what the encoder needs from `texts` (a vocabulary, weights), and encode them."""

    def encode(self, texts: Sequence[str]) -> TextMatrix:
        """Return one unit-length row per text (a zero row for an empty text)."""

    def terms(self) -> np.ndarray | None:
        """Return the name of each column, or None when columns are not words."""

    def state(self) -> dict[str, np.ndarray]:
        """Return the arrays that `from_state` needs to rebuild this encoder."""


class TfidfEncoder:
    """TF-IDF over words and two-word phrases, with sublinear term frequency."""

    kind: ClassVar[str] = "tfidf"

    def __init__(self, terms: Sequence[str] = (), idf: np.ndarray | None = None) -> None:
        """Make an encoder, fitted when `terms` and their `idf` are given."""
        self._use(terms, idf if idf is not None else [])

    def _use(self, terms: Sequence[str], idf: Sequence[float]) -> None:
        """Take `terms` and their `idf` as the fitted state."""
        self._terms = np.asarray(terms, dtype=str)
        self._idf = np.asarray(idf, dtype=np.float32)
        self._vectorizer = self._counter(vocabulary=list(self._terms)) if len(self._terms) else None

    @staticmethod
    def _counter(vocabulary: list[str] | None = None) -> CountVectorizer:
        """Return the tokenizer and counter every encoding goes through."""
        return CountVectorizer(analyzer=analyze, vocabulary=vocabulary, dtype=np.float32)

    def fit_encode(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Learn the vocabulary and inverse document frequencies of `texts`, and encode them."""
        counter = self._counter()
        try:
            counts = counter.fit_transform(texts)
        except ValueError:  # every text empty or made of stop words only
            self._use([], [])
            return self.encode(texts)
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        # The smoothed idf of scikit-learn: as if one more document held every term once.
        idf = np.log((1 + counts.shape[0]) / (1 + document_frequency)) + 1
        self._use(counter.get_feature_names_out(), idf)
        return self._weigh(counts)

    def encode(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Return the unit TF-IDF rows of `texts`."""
        if self._vectorizer is None:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        return self._weigh(self._vectorizer.transform(texts))

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Return term counts as unit rows of sublinear term frequency times idf."""
        counts = counts.astype(np.float32).tocsr()
        counts.data = (1 + np.log(counts.data)) * self._idf[counts.indices]
        return unit_rows(counts)

    def terms(self) -> np.ndarray:
        """Return the word or phrase of each column."""
        return self._terms

    def state(self) -> dict[str, np.ndarray]:
        """Return the vocabulary and idf."""
        return {"terms": self._terms, "idf": self._idf}

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> "TfidfEncoder":
        """Rebuild an encoder from `state()`."""
        return cls(state["terms"], state["idf"])


class SentenceEncoder:
    """Sentence embeddings from a local sentence-transformers model (all-MiniLM-L6-v2 by default).

    Used only where the `sentence_transformers` package and the model are installed: the model is
    loaded from the local cache, never downloaded at run time.
    """

    kind: ClassVar[str] = "sentence"

    def __init__(self, model: str = "sentence-transformers/all-MiniLM-L6-v2") -> None:
        """Name the model to load on first use."""
        self.model = model
        self._loaded = None

    @staticmethod
    def available() -> bool:
        """Return whether the sentence-transformers package can be imported."""
        return importlib.util.find_spec("sentence_transformers") is not None

    def fit_encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode `texts`: the model is trained already."""
        return self.encode(texts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return the unit embeddings of `texts` (zero rows for empty texts)."""
        if self._loaded is None:
            from sentence_transformers import SentenceTransformer

            self._loaded = SentenceTransformer(self.model, local_files_only=True)
        vectors = self._loaded.encode(list(texts), normalize_embeddings=True)
        vectors = np.asarray(vectors, dtype=np.float32)
        vectors[[not text.strip() for text in texts]] = 0
        return vectors

    def terms(self) -> None:
        """Return None: embedding dimensions are not words."""
        return None

    def state(self) -> dict[str, np.ndarray]:
        """Return the model's name."""
        return {"model": np.asarray(self.model)}

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> "SentenceEncoder":
        """Rebuild an encoder from `state()`."""
        return cls(str(state["model"]))


ENCODERS: dict[str, type[TfidfEncoder] | type[SentenceEncoder]] = {
    encoder.kind: encoder for encoder in (TfidfEncoder, SentenceEncoder)
}


def unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Return `matrix` with each non-empty row scaled to unit length."""
    squares = matrix.multiply(matrix).sum(axis=1).A1
    norms = np.sqrt(squares, dtype=np.float32)
    scale = np.divide(1, norms, out=np.zeros_like(norms), where=norms > 0)
    matrix.data *= np.repeat(scale, np.diff(matrix.indptr))
    return matrix


# The reducer learns from at most this many texts: more change its axes too little to pay.
REDUCER_SAMPLE = 50_000


def fit_reducer(matrix: TextMatrix, dimensions: int, seed: int) -> np.ndarray:
    """Return the projection (dimensions by columns, float32) that keeps most of `matrix`."""
    columns = matrix.shape[1]
    if columns <= dimensions:  # a small vocabulary needs no reducing: keep every column
        return np.eye(columns, dtype=np.float32)
    sample = np.random.default_rng(seed).permutation(matrix.shape[0])[:REDUCER_SAMPLE]
    svd = TruncatedSVD(n_components=dimensions, algorithm="randomized", random_state=seed)
    svd.fit(matrix[np.sort(sample)])
    return svd.components_.astype(np.float32)


def reduce(matrix: TextMatrix, projection: np.ndarray) -> np.ndarray:
    """Return the rows of `matrix` projected onto the reducer's dimensions (dense float32)."""
    return np.asarray(matrix @ projection.T, dtype=np.float32)


def row_vector(matrix: TextMatrix, row: int) -> np.ndarray:
    """Return one row of `matrix` as a dense vector."""
    if not sparse.issparse(matrix):
        return matrix[row]
    vector = np.zeros(matrix.shape[1], dtype=np.float32)
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    vector[matrix.indices[start:end]] = matrix.data[start:end]
    return vector


def dots(matrix: TextMatrix, vector: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """Return the dot product of `vector` with the given rows of `matrix` (all rows for None)."""
    if rows is None:
        return np.asarray(matrix @ vector, dtype=np.float32).ravel()
    return owned_dots(matrix, rows, vector[None, :], np.zeros(len(rows), dtype=np.int64))


def owned_dots(
    matrix: TextMatrix, rows: np.ndarray, vectors: np.ndarray, owners: np.ndarray
) -> np.ndarray:
    """Return matrix[rows[i]] . vectors[owners[i]] for each i (`vectors` dense)."""
    if not sparse.issparse(matrix):
        return np.einsum("ij,ij->i", matrix[rows], vectors[owners])
    # Reading the rows' entries straight from the CSR arrays costs a tenth of what building a
    # scipy submatrix does when a query re-ranks a few hundred rows.
    starts, ends = matrix.indptr[rows], matrix.indptr[rows + 1]
    lengths = ends - starts
    offsets = np.cumsum(lengths) - lengths
    positions = np.arange(lengths.sum()) - np.repeat(offsets - starts, lengths)
    entry_owners = np.repeat(owners, lengths)
    products = matrix.data[positions] * vectors[entry_owners, matrix.indices[positions]]
    result = np.zeros(len(rows), dtype=np.float32)
    if len(products):
        result[lengths > 0] = np.add.reduceat(products, offsets[lengths > 0])
    return result


def set_row(matrix: TextMatrix, row: int, vector: TextMatrix) -> TextMatrix:
    """Return `matrix` with `row` replaced by the one-row `vector` (appended when row = length)."""
    if row == matrix.shape[0]:
        if sparse.issparse(matrix):
            return sparse.vstack([matrix, vector], format="csr", dtype=np.float32)
        return np.vstack([matrix, vector])
    if not sparse.issparse(matrix):
        matrix[row] = vector
        return matrix
    # Splice the new row's entries into the CSR arrays: one copy of the matrix, no format change.
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    data = np.concatenate([matrix.data[:start], vector.data, matrix.data[end:]])
    indices = np.concatenate([matrix.indices[:start], vector.indices, matrix.indices[end:]])
    indptr = matrix.indptr.copy()
    indptr[row + 1 :] += vector.nnz - (end - start)
    return sparse.csr_matrix((data, indices, indptr), shape=matrix.shape)


def stack(first: TextMatrix, second: TextMatrix) -> TextMatrix:
    """Return the rows of both matrices, one under the other."""
    if sparse.issparse(first):
        return sparse.vstack([first, second], format="csr")
    return np.vstack([first, second])
