"""Text search over a model's `search_document` column, through an index on both databases.

Any model with a `search_document` text column gets search in two steps:

1. Keep the column filled with `document(...)` from the app's services (the text is folded:
   lower case, no diacritics, so "Brașov" is found by "brasov" and by "BRAȘOV").
2. Add a migration whose operations are `search_index_operations("<app>_<model>")`.

Then `search(queryset, text)` returns the queryset filtered to the rows whose document holds
every word of `text` (words are ANDed), as substrings. On SQLite the match runs in an FTS5
external-content table with the trigram tokenizer, kept in step by triggers; on PostgreSQL in a
GIN trigram index (`pg_trgm`, `gin_trgm_ops`) that serves `LIKE '%word%'`. Both answer the
same question (is the word a substring of the folded document), so results agree.

Words shorter than three characters are ignored: a trigram index cannot look them up, and
scanning every row for them is what this module exists to avoid. `parse_query` says which
words were ignored, so that pages can tell the user.

SQLite drops a table's triggers when a migration rebuilds the table (an `AlterField` on
SQLite copies the table into a new one): after such a migration, add
`search_index_operations(...)` again (the operations are idempotent). `index_in_step(table)`
says whether an index is there and agrees with its table; each app's search test asserts it.
"""

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db import DatabaseError, connections, migrations
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from wsco.core.page_cache import kept_for_a_while

MIN_TERM_LENGTH = 3
MAX_TERMS = 8  # A longer query is almost always pasted text; the first words decide.
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Return `text` in lower case without diacritics ("Brașov" -> "brasov")."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold()


def document(*parts) -> str:
    """Return a search document: the non-empty `parts`, folded, one per line."""
    return "\n".join(fold(part).strip() for part in parts if part and str(part).strip())


@dataclass(frozen=True)
class Query:
    """The words a search looks for, and the ones it had to ignore."""

    terms: tuple[str, ...]
    ignored: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str | None) -> Query:
    """Split `text` into folded words of at least three characters (the trigram minimum)."""
    terms: list[str] = []
    ignored: list[str] = []
    for word in _WORD.findall(fold(text or "")):
        target = terms if len(word) >= MIN_TERM_LENGTH else ignored
        if word not in target:
            target.append(word)
    return Query(terms=tuple(terms[:MAX_TERMS]), ignored=tuple(ignored))


def search(
    queryset: QuerySet,
    text: str | Query | None,
    *,
    ranked: bool = False,
    dense: bool = False,
    narrowed: bool = False,
) -> QuerySet:
    """Return `queryset` narrowed to the rows whose document holds every word of `text`.

    With `ranked`, the rows are ordered by relevance (best first), then by the queryset's own
    ordering, and carry it as `search_rank`; ranking scores every matching row, so ask for it
    when the order matters more than the cost. Say `dense` when the words are known to match
    many rows (a capped count): the first rows in the queryset's order are then found by
    walking its ordering index and testing each row, instead of sorting every match. Say
    `narrowed` when the queryset's own filters leave a small part of the table (a country, an
    organization type): on SQLite each match is then first looked up in the set of those rows,
    read once from the filters' index, rather than in the table.
    Without words to look for, `queryset` is returned as it is.
    """
    query = text if isinstance(text, Query) else parse_query(text)
    if not query:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite":
        if dense and not ranked:
            return _search_sqlite_dense(queryset, query)
        return _search_sqlite(queryset, query, ranked=ranked, narrowed=narrowed)
    if vendor == "postgresql":
        return _search_postgresql(queryset, query, ranked=ranked)
    raise NotImplementedError(f"No search index for {vendor}.")


def _ordering(queryset: QuerySet) -> list:
    return list(queryset.query.order_by or queryset.model._meta.ordering)


def fts5_expression(query: Query) -> str:
    """Return the FTS5 MATCH expression for `query`: each word a quoted phrase, ANDed.

    Quoting makes every word a literal string: FTS5 operators (OR, NOT, NEAR, `*`, `^`,
    column filters) in the user's text are searched for, never obeyed.
    """
    return " AND ".join('"{}"'.format(term.replace('"', '""')) for term in query.terms)


def _search_sqlite(queryset: QuerySet, query: Query, *, ranked: bool, narrowed: bool) -> QuerySet:
    table = queryset.model._meta.db_table
    index = _index_table(table)
    expression = fts5_expression(query)
    where, params = [], []
    if narrowed:
        # Each match is tested against the set of the rows the filters leave (built once from
        # their index) before the table is read for it: a row lookup in a wide table costs
        # more than the match ("apa" among the city halls: 87 ms for the count, against 21 ms).
        rows, params = queryset.order_by().values("pk").query.sql_with_params()
        where = [f'+"{index}".rowid IN ({rows})']
    # A join, not `pk IN (SELECT rowid ...)`: the FTS5 table then yields matches one by one,
    # so that a LIMIT (a capped count) stops it early, and bm25() (lower is better) is read
    # once per match. Only extra() lets a queryset join a table that has no model. The unary
    # + keeps the FTS5 table the outer loop: without it, an index on the other filters (a
    # country) can tempt SQLite into running the whole MATCH again for every row it walks
    # (2 s instead of 30 ms for "sensors" in one country of 100 000 members).
    joined = queryset.extra(
        select={"search_rank": f'-"{index}".rank'} if ranked else {},
        tables=[index],
        where=[
            f'+"{index}".rowid = "{table}"."{queryset.model._meta.pk.column}"',
            f'"{index}" MATCH %s',
            *where,
        ],
        params=[expression, *params],
    )
    return joined.order_by("-search_rank", *_ordering(queryset)) if ranked else joined


def _search_sqlite_dense(queryset: QuerySet, query: Query) -> QuerySet:
    table = queryset.model._meta.db_table
    # Many rows match: walk the ordering index and test each row's folded document for every
    # word with instr(), the same substring test the trigram index answers, stopping at a page.
    # Looking the words up in the FTS5 table instead gathers every match before the first row
    # ("energy", a third of 100 000 members: 29 ms against 0.1 ms for the first page).
    return queryset.extra(
        where=[f'instr("{table}"."search_document", %s) > 0' for _term in query.terms],
        params=list(query.terms),
    )


def _search_postgresql(queryset: QuerySet, query: Query, *, ranked: bool) -> QuerySet:
    from django.contrib.postgres.search import TrigramWordSimilarity

    # `contains` is a LIKE '%word%' with the word's own % and _ escaped; the GIN trigram
    # index on the column answers it (the document is folded, so no UPPER() is needed).
    filtered = queryset
    for term in query.terms:
        filtered = filtered.filter(search_document__contains=term)
    if not ranked:
        return filtered
    similarities = [TrigramWordSimilarity(term, "search_document") for term in query.terms]
    rank = sum(similarities[1:], similarities[0])
    return filtered.annotate(search_rank=rank).order_by(
        F("search_rank").desc(), *_ordering(queryset)
    )


def _index_table(table: str) -> str:
    return f"{table}_search"


class RunSQLOn(migrations.RunSQL):
    """A RunSQL that runs only on the database `vendor` ("sqlite", "postgresql")."""

    def __init__(self, vendor: str, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Raw SQL on {self.vendor}"


def sqlite_index_sql(table: str, column: str = "search_document") -> list[str]:
    """Return the SQL that creates (or re-creates) the FTS5 index of `table` and its triggers."""
    index = _index_table(table)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS \"{index}\" USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='trigram')",
        # External content: FTS5 keeps only the index; the triggers keep it in step.
        f'CREATE TRIGGER IF NOT EXISTS "{index}_insert" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{index}"(rowid, {column}) VALUES (new.id, new.{column}); END',
        f'CREATE TRIGGER IF NOT EXISTS "{index}_delete" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{index}"("{index}", rowid, {column}) VALUES (\'delete\', old.id, '
        f"old.{column}); END",
        f'CREATE TRIGGER IF NOT EXISTS "{index}_update" AFTER UPDATE OF {column} ON "{table}" '
        f'BEGIN INSERT INTO "{index}"("{index}", rowid, {column}) VALUES (\'delete\', old.id, '
        f'old.{column}); INSERT INTO "{index}"(rowid, {column}) VALUES (new.id, new.{column}); '
        "END",
        f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')',
    ]


def sqlite_drop_sql(table: str) -> list[str]:
    """Return the SQL that removes the FTS5 index of `table` and its triggers."""
    index = _index_table(table)
    return [
        *(f'DROP TRIGGER IF EXISTS "{index}_{event}"' for event in ("insert", "delete", "update")),
        f'DROP TABLE IF EXISTS "{index}"',
    ]


def search_index_operations(table: str, column: str = "search_document") -> list:
    """Return the migration operations that give `table` its search index on both databases.

    A later app adds search in two lines of a migration:

        from wsco.core.search import search_index_operations
        operations = search_index_operations("publications_article")
    """
    index = _index_table(table)
    return [
        RunSQLOn("sqlite", sqlite_index_sql(table, column), sqlite_drop_sql(table)),
        RunSQLOn(
            "postgresql",
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            migrations.RunSQL.noop,
        ),
        RunSQLOn(
            "postgresql",
            f'CREATE INDEX IF NOT EXISTS "{index}_trgm" ON "{table}" '
            f"USING gin ({column} gin_trgm_ops)",
            f'DROP INDEX IF EXISTS "{index}_trgm"',
        ),
    ]


def index_in_step(table: str, using: str = "default") -> bool:
    """Say whether the index of `table` exists and agrees with the table (SQLite: triggers)."""
    connection = connections[using]
    index = _index_table(table)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
                "AND name LIKE %s",
                [table, f"{index}_%"],
            )
            if cursor.fetchone()[0] != 3:
                return False
            try:
                # With rank 1, FTS5 also compares the index with the content table.
                cursor.execute(
                    f'INSERT INTO "{index}"("{index}", rank) VALUES (\'integrity-check\', 1)'
                )
            except DatabaseError:
                return False
            return True
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = %s", [f"{index}_trgm"])
        return cursor.fetchone()[0] == 1


# How long a match is known to pass a count's limit (`CappedMatches`), as the directory's
# countries are kept.
REMEMBER_CAPPED_SECONDS = 300


def count_up_to(queryset: QuerySet, limit: int) -> int:
    """Return how many rows `queryset` holds, counting no further than `limit` + 1.

    A common word can match a third of a large table; counting every match costs as much as
    finding them all. Past `limit`, a page says "more than `limit`" instead.
    """
    return queryset.order_by()[: limit + 1].count()


class CappedMatches:
    """The rows of `queryset` counted up to `limit`, and the rows to take a page from.

    One query reads the primary keys of at most `limit` + 1 matching rows, in no set order, by
    the plan that stops earliest (as a capped count does). Up to `limit`, those are all the
    matches: a page is then read by primary key in the queryset's order, instead of running
    its search and filters again (a search's page sorted every match a second time). Past
    `limit`, pages come from `dense()` if given: the same rows, by a plan that stops at a page.
    Say `many` when the rows are expected to pass the limit (a list without a filter): they
    are then counted, which costs less than reading the keys, and a page under the limit is
    taken from `queryset` itself.

    `remember`, if given, names the match (its filters and words, whose rows it may see):
    that it passed the limit is then kept `REMEMBER_CAPPED_SECONDS`, and while it is kept the
    count is not run at all. Reading a thousand matches was most of a rebuilt page's time,
    and one change moves a count by one: a match near the limit may say "more than" a few
    minutes after it fell under. Under the limit nothing is kept: the count is exact.
    `queryset` may be a function that builds it, so that a match remembered past the limit
    builds only `dense()` (building a filtered query costs a millisecond of Python).
    """

    def __init__(
        self,
        queryset: QuerySet | Callable[[], QuerySet],
        limit: int,
        *,
        dense: Callable[[], QuerySet] | None = None,
        many: bool = False,
        remember: str = "",
    ):
        self._queryset = queryset
        self.limit = limit
        self.dense = dense
        self.many = many
        self.remember = remember

    @cached_property
    def queryset(self) -> QuerySet:
        """The matching rows: built only when needed, if given as a function."""
        return self._queryset if isinstance(self._queryset, QuerySet) else self._queryset()

    @cached_property
    def ids(self) -> list:
        return list(self.queryset.order_by().values_list("pk", flat=True)[: self.limit + 1])

    @cached_property
    def counted(self) -> int:
        """How many rows match, counted no further than `limit` + 1."""
        if not self.remember:
            return self._counted_now
        named = hashlib.sha256(f"{self.limit}:{self.remember}".encode()).hexdigest()
        key = f"search:capped:{named}"
        capped = kept_for_a_while(
            key, REMEMBER_CAPPED_SECONDS, lambda: self._counted_now > self.limit
        )
        return self.limit + 1 if capped else self._counted_now

    @cached_property
    def _counted_now(self) -> int:
        if self.many:
            return count_up_to(self.queryset, self.limit)
        return len(self.ids)

    @property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def is_capped(self) -> bool:
        return self.counted > self.limit

    def rows(self) -> QuerySet:
        """Return the matching rows in the queryset's order, to take a page from."""
        if self.is_capped:
            return self.dense() if self.dense is not None else self.queryset
        return self.queryset if self.many else rows_by_ids(self.queryset, self.ids)


def rows_by_ids(queryset: QuerySet, ids: list) -> QuerySet:
    """Return the rows `ids` of `queryset`'s model in its order, fetched along as it does.

    A queryset that computes columns (annotations, extra selects, DISTINCT) is returned
    filtered to `ids` instead, which evaluates its conditions again.
    """
    query = queryset.query
    if query.annotations or query.extra_select or query.distinct or query.combinator:
        return queryset.filter(pk__in=ids)
    rows = (
        queryset.model._default_manager.db_manager(queryset.db)
        .filter(_among(queryset, ids))
        .order_by(*_ordering(queryset))
    )
    rows.query.select_related = query.select_related
    rows.query.deferred_loading = query.deferred_loading
    return rows.prefetch_related(*queryset._prefetch_related_lookups)


def _among(queryset: QuerySet, ids: list):
    """Return the condition "the primary key is one of `ids`", with the ids as one parameter.

    A thousand ids as a thousand parameters cost a millisecond to build, compile, send and
    parse (PostgreSQL's planner reads each one); as one array (PostgreSQL) or one JSON list
    (SQLite), the page of a search that matched 315 rows is read in half the time.
    """
    vendor = connections[queryset.db].vendor
    column = f'"{queryset.model._meta.db_table}"."{queryset.model._meta.pk.column}"'
    if not all(type(pk) is int for pk in ids):  # Other keys: as the ORM adapts them.
        return Q(pk__in=ids)
    if vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s)", [list(ids)], output_field=BooleanField())
    if vendor == "sqlite":
        among = f'{column} IN (SELECT "value" FROM json_each(%s))'
        return RawSQL(among, [json.dumps(list(ids))], output_field=BooleanField())
    return Q(pk__in=ids)
