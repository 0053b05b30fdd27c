"""Find the mutants of a module's functions and build the code object of each.

A mutant is one small change to one function, the kind of one-line bug a person makes: a
comparison off by one (`<` for `<=`), a condition turned around, `and` for `or`, a number one
higher, a refusal (`raise`) or a call (`membership.save()`, `queue_email(...)`) left out, or a
function that returns `None`. Each mutant is compiled on its own into a new code object for its
function, which the runner swaps into the live function: nothing is written to disk and nothing
is imported twice.

Strings are not mutated (they are mostly messages; a changed status value shows up as a changed
comparison elsewhere), nor are default arguments and decorators (evaluated once, at import).
A line that ends with `# pragma: no mutate` is left alone, and so is every line of a statement
whose comment lines just above hold it (for a statement too long to carry it, or a whole `if`);
each says why beside it. It is for a change no behaviour can show, never for a missing test.
"""

import ast
import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SKIP_PRAGMA = "pragma: no mutate"

COMPARISONS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
ARITHMETIC = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
}
SYMBOLS = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.And: "and",
    ast.Or: "or",
}
# Calls whose absence no behaviour can show: logging only.
QUIET_CALLS = {"logger", "log", "logging", "warnings"}


@dataclass(frozen=True)
class Mutant:
    """One change to one function: where it is and what it does."""

    path: str  # the module's file, relative to the project
    qualname: str  # the function's qualified name, as in its code object
    first_line: int  # the first line of the function's code object (its first decorator)
    number: int  # the change's position among its function's changes
    line: int
    description: str

    @property
    def key(self) -> str:
        """Return a name that tells this mutant from every other one."""
        return f"{self.path}:{self.qualname}#{self.number}"


@dataclass(frozen=True)
class _Change:
    line: int
    description: str


def _call_root(node: ast.expr) -> str | None:
    """Return the first name of a call's target (`logger` for `logger.info(...)`)."""
    while isinstance(node, ast.Attribute | ast.Call):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return node.id if isinstance(node, ast.Name) else None


def _changes(node: ast.AST) -> list[tuple[str, object]]:
    """Return the changes one AST node allows, as (description, how to apply) pairs."""
    found: list[tuple[str, object]] = []
    if isinstance(node, ast.Compare):
        for position, operator in enumerate(node.ops):
            other = COMPARISONS[type(operator)]
            found.append(
                (f"{SYMBOLS[type(operator)]} to {SYMBOLS[other]}", ("compare", position, other))
            )
    elif isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        found.append((f"{SYMBOLS[type(node.op)]} to {SYMBOLS[other]}", ("boolop", other)))
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in ARITHMETIC:
        other = ARITHMETIC[type(node.op)]
        found.append((f"{SYMBOLS[type(node.op)]} to {SYMBOLS[other]}", ("binop", other)))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        found.append(("not x to x", ("drop_not",)))
    elif isinstance(node, ast.Constant) and not isinstance(node.value, str | bytes):
        if isinstance(node.value, bool):
            found.append((f"{node.value} to {not node.value}", ("constant", not node.value)))
        elif isinstance(node.value, int | float) and not isinstance(node.value, complex):
            found.append((f"{node.value!r} to {node.value + 1!r}", ("constant", node.value + 1)))
    elif isinstance(node, ast.If | ast.While | ast.IfExp) and not isinstance(
        node.test, ast.Compare | ast.BoolOp | ast.UnaryOp
    ):
        found.append(("condition negated", ("negate_test",)))
    elif isinstance(node, ast.Return) and node.value is not None:
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            found.append(("returns None", ("return_none",)))
    elif isinstance(node, ast.Raise):
        found.append(("raise removed", ("to_pass",)))
    elif (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and _call_root(node.value.func) not in QUIET_CALLS
    ):
        found.append(("call removed", ("to_pass",)))
    return found


def _apply(node: ast.AST, how: tuple) -> ast.AST:
    """Return `node` with the change `how` made (the node itself or its replacement)."""
    kind = how[0]
    if kind == "compare":
        node.ops[how[1]] = how[2]()
    elif kind in {"boolop", "binop"}:
        node.op = how[1]()
    elif kind == "drop_not":
        return node.operand
    elif kind == "constant":
        node.value = how[1]
    elif kind == "negate_test":
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    elif kind == "return_none":
        node.value = ast.Constant(value=None)
    elif kind == "to_pass":
        return ast.Pass()
    return node


def _is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and parent is not None
        and getattr(parent, "body", [None])[0] is node
    )


def _walk_body(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """Yield the nodes of `function`'s body in a fixed order (not its arguments or decorators)."""
    for statement in function.body:
        yield from ast.walk(statement)


class _Rewriter(ast.NodeTransformer):
    """Make the change `how` at `target_node`, wherever it is in the tree visited."""

    def __init__(self, target_node: ast.AST, how: tuple):
        self.target_node = target_node
        self.how = how

    def generic_visit(self, node):
        if node is self.target_node:
            return _apply(node, self.how)
        return super().generic_visit(node)


class ModuleMutants:
    """The mutants of one module's top-level functions and methods."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.relative = str(path.relative_to(root))
        self.name = self.relative.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        self.source = path.read_text()
        self.lines = self.source.splitlines()
        self.tree = ast.parse(self.source, filename=str(path))
        self.functions: dict[tuple[str, int], tuple[ast.AST, list[ast.ClassDef]]] = {}
        self.mutants: list[Mutant] = []
        self._collect(self.tree.body, prefix="", classes=[])

    def _collect(self, body: list[ast.stmt], *, prefix: str, classes: list[ast.ClassDef]):
        for node in body:
            if isinstance(node, ast.ClassDef):
                self._collect(node.body, prefix=f"{prefix}{node.name}.", classes=[*classes, node])
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                qualname = prefix + node.name
                first_line = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                self.functions[(qualname, first_line)] = (node, classes)
                for number, change in enumerate(self._function_changes(node)):
                    self.mutants.append(
                        Mutant(
                            self.relative,
                            qualname,
                            first_line,
                            number,
                            change.line,
                            change.description,
                        )
                    )

    def _candidates(self, function) -> list[tuple[ast.AST, str, tuple]]:
        candidates = []
        parents = {
            child: parent
            for parent in _walk_body(function)
            for child in ast.iter_child_nodes(parent)
        }
        for statement in function.body:
            parents.setdefault(statement, function)
        exempt = self._exempt_lines(function)
        for node in _walk_body(function):
            if _is_docstring(node, parents.get(node)):
                continue
            line = getattr(node, "lineno", None)
            if line is None or SKIP_PRAGMA in self.lines[line - 1] or line in exempt:
                continue
            # Nested functions and classes are mutated as part of their enclosing function.
            for description, how in _changes(node):
                candidates.append((node, description, how))
        return candidates

    def _exempt_lines(self, function) -> set[int]:
        """Return the lines of the statements of `function` marked by a comment just above."""
        exempt: set[int] = set()
        for node in _walk_body(function):
            if isinstance(node, ast.stmt) and self._marked_above(node.lineno):
                exempt.update(range(node.lineno, node.end_lineno + 1))
        return exempt

    def _marked_above(self, line: int) -> bool:
        """Say whether the comment lines just above `line` hold the pragma."""
        index = line - 2
        while index >= 0 and self.lines[index].lstrip().startswith("#"):
            if SKIP_PRAGMA in self.lines[index]:
                return True
            index -= 1
        return False

    def _function_changes(self, function) -> list[_Change]:
        return [
            _Change(node.lineno, description)
            for node, description, _how in self._candidates(function)
        ]

    def mutated(self, mutant: Mutant) -> ast.FunctionDef | ast.AsyncFunctionDef:
        """Return the tree of `mutant`'s function with its change made (without decorators)."""
        original, _classes = self.functions[(mutant.qualname, mutant.first_line)]
        function = copy.deepcopy(original)
        node, _description, how = self._candidates(function)[mutant.number]
        function = _Rewriter(node, how).visit(function)
        function.decorator_list = []
        return function

    def compile(self, mutant: Mutant):
        """Return the code object of `mutant`'s function with its change made."""
        _original, classes = self.functions[(mutant.qualname, mutant.first_line)]
        wrapped: ast.stmt = self.mutated(mutant)
        # Methods are compiled inside their classes, so that `super()` finds its `__class__`.
        for cls in reversed(classes):
            wrapped = ast.ClassDef(
                name=cls.name,
                bases=[],
                keywords=[],
                body=[wrapped],
                decorator_list=[],
            )
        module = ast.Module(body=[wrapped], type_ignores=[])
        ast.fix_missing_locations(module)
        code = compile(module, str(self.path), "exec", dont_inherit=True)
        return _find_code(code, mutant.qualname.rsplit(".", 1)[-1], len(classes))


def _find_code(code, name: str, depth: int):
    """Return the code object called `name`, `depth` class bodies down from `code`."""
    for constant in code.co_consts:
        if hasattr(constant, "co_code"):
            if depth == 0 and constant.co_name == name:
                return constant
            if depth > 0:
                found = _find_code(constant, name, depth - 1)
                if found is not None:
                    return found
    return None
