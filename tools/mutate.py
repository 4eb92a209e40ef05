#!/usr/bin/env python3
"""Mutation score of a block's testbench (like Yosys' MCY): plant one bug, see if a test catches it.

    mutate.py --block port_cfg [--count 60] [--seed 1] [--jobs 1]   sample and run mutants
    mutate.py --block port_cfg --mutant 3fa9c01b2e[,id...]          replay just these mutants
    mutate.py --block port_cfg --list                               every candidate, no simulation

Mutants are generated from the block's hand-written RTL (rtl/<block>/*.sv listed in its manifest,
never rtl/<block>/gen/), outside comments, strings, preprocessor-conditional regions (the
`ifndef SYNTHESIS assertion sections), SVA statements, system-task calls, initial blocks, module and
function headers and declarations. Each mutant is ONE textual change:

    binop      a binary operator swapped: & |, | ^, + -, == !=, < <=, > >=, && ||, << >>
    const      1'b0 <-> 1'b1, '0 <-> '1, a sized constant +1 / -1
    if-true    `if (c)` -> `if (1'b1)`        if-false   `if (c)` -> `if (1'b0)`
    if-invert  `if (c)` -> `if (!(c))`
    mux-a      `c ? a : b` -> `(a)`           mux-b      `c ? a : b` -> `(b)`
    mux-swap   `c ? a : b` -> `c ? b : a`     (== inverting c, so no separate inversion)
    drop       a procedural `x <= e;` / `x = e;` removed (the null statement `;` left)
    hold       `x_d = e;` -> `x_d = x_q;` when the block has an `x_q`

A mutant's ID hashes its file, the text of its first line (stripped), its column in that stripped
line, the operator and the original and replacement text: it survives line moves and re-indenting,
so the per-block list of equivalent mutants (tb/<block>/mutants_equivalent.toml) stays valid.
Candidates are enumerated in a fixed order and --count of them sampled with --seed.

Each mutant: the block's RTL is copied (as of the start of this command) into a work folder with
the one change, linted with Verilator (an error: "did-not-compile", excluded from the rate; a later
configuration that no longer builds while the unmutated RTL builds it is "killed"), built
with tools/regress.py's build() (same arguments, --assert, ccache) and run with its execute() on
the block's non-negative, non-bench tests over CI_SEEDS, in a fixed order (seed 1 before seed 2,
default configuration first, shortest simulated time first), stopping at the first failing run
("killed"). A run over its time limit makes the mutant "timeout", counted as killed in the rate
(as MCY does). Configurations are built only when a test needs them. Before the mutants, a
baseline (the unmutated RTL) must pass every run; its simulated times set the order and its wall
times the time limits; it is cached in sim_build/mutate/<block>/baseline.json while the RTL and
the testbench are unchanged.

A mutant whose generated C++ model (Verilator's output, work-folder paths masked) equals the
unmutated one in every configuration is "equivalent" without simulation (dead or redundant code,
e.g. an unused function); mutants listed in tb/<block>/mutants_equivalent.toml are not run at all.

    kill rate = (killed + timeout) / (total - did-not-compile - equivalent)

Report: stdout, sim_build/mutate/<block>/report.md and report.json. Exit status 1 if the rate is
below --min-rate or a mutant in --require-killed was not killed; 2 on a usage error or a failing
baseline.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import difflib
import fcntl
import hashlib
import json
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/mutate.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import tools.regress as regress  # noqa: E402
from tools import project  # noqa: E402
from tools.project import ROOT, SIM_BUILD, Block, Test  # noqa: E402

OUT = SIM_BUILD / "mutate"
EQUIV_FILE = "mutants_equivalent.toml"

# ============================================================================= lexer

_TOKEN_RE = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<comment>//[^\n]*|/\*.*?\*/)
    |(?P<string>"(?:\\.|[^"\\\n])*")
    |(?P<directive>`[A-Za-z_][A-Za-z0-9_]*)
    |(?P<sized>\d[\d_]*\s*'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ?][0-9a-fA-FxXzZ?_]*)
    |(?P<based>'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ?][0-9a-fA-FxXzZ?_]*)
    |(?P<fill>'[01xXzZ](?![0-9A-Za-z_]))
    |(?P<number>\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)
    |(?P<ident>[A-Za-z_$][A-Za-z0-9_$]*|\\\S+)
    |(?P<op><<<=|>>>=|<<=|>>=|===|!==|==\?|!=\?|<->|\|->|\|=>|->>|<<<|>>>|\+:|-:|::|\+\+|--|\+=|-=|\*=
        |/=|%=|&=|\|=|\^=|<<|>>|<=|>=|==|!=|&&|\|\||~&|~\||~\^|\^~|\*\*|->|\#\#|'\{|[-+*/%&|^~!<>=?:;,.#@(){}\[\]'])
    |(?P<other>.)
    """,
    re.X | re.S,
)

# Directives whose arguments run to the end of the line (`define bodies are never mutated).
_LINE_DIRECTIVES = {"define", "undef", "include", "timescale", "default_nettype", "line", "pragma",
                    "celldefine", "endcelldefine", "resetall", "undefineall", "begin_keywords", "end_keywords"}

KEYWORDS = set("""
always always_comb always_ff always_latch and assert assign assume automatic begin bit break buf byte
case casex casez cover default disable do else end endcase endfunction endgenerate endmodule endpackage
endproperty endsequence endtask enum final for force foreach forever fork function generate genvar if
iff import initial inout input int integer interface join join_any join_none localparam logic longint
module negedge not or output package packed parameter posedge priority property real reg repeat
restrict return sequence shortint signed static string struct task typedef union unique unique0
unsigned var void while wire
""".split())
_DECL_KW = set("""
logic wire reg bit byte int integer shortint longint real var localparam parameter genvar typedef
input output inout import string const automatic static struct enum union signed unsigned
""".split())
_SVA_KW = {"assert", "assume", "cover", "restrict", "expect"}
_BEGIN = {"begin", "fork"}
_END = {"end", "join", "join_any", "join_none"}


@dataclass
class Tok:
    kind: str
    text: str
    start: int
    end: int
    mutable: bool = True
    ranged: bool = False  # inside a range or part select [a:b]: no operator or constant mutated
    assign_op: bool = False  # an assignment `=`/`<=` (not a comparison)


def lex(text: str) -> list[Tok]:
    """Significant tokens of a SystemVerilog file, preprocessor-conditional regions left out.

    Tokens in any `ifdef/`ifndef/`elsif/`else region are dropped (assertion-only sections; an
    `ifndef X / `define X include guard is kept), as are comments, directives and `define bodies.
    """
    toks: list[Tok] = []
    pos = 0
    stack: list[bool] = []  # per open conditional: is its current branch excluded
    guard_pending: str | None = None
    n = len(text)
    while pos < n:
        m = _TOKEN_RE.match(text, pos)
        assert m, (pos, text[pos:pos + 20])
        kind = m.lastgroup
        val = m.group()
        pos = m.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "directive":
            name = val[1:]
            if name in ("ifdef", "ifndef", "elsif"):
                mm = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)").match(text, pos)
                macro = mm.group(1) if mm else ""
                pos = mm.end() if mm else pos
                if name == "elsif":
                    if stack:
                        stack[-1] = True
                else:
                    stack.append(True)
                    if name == "ifndef":
                        guard_pending = macro
                continue
            if name == "else":
                if stack:
                    stack[-1] = True
                continue
            if name == "endif":
                if stack:
                    stack.pop()
                continue
            if name in _LINE_DIRECTIVES:
                if name == "define" and guard_pending is not None:
                    mm = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)").match(text, pos)
                    if mm and mm.group(1) == guard_pending and stack:
                        stack[-1] = False  # an include guard: its body is ordinary code
                eol = pos
                while True:
                    eol = text.find("\n", eol)
                    if eol < 0:
                        eol = n
                        break
                    if text[eol - 1] != "\\":
                        break
                    eol += 1
                pos = eol
                guard_pending = None
                continue
            kind = "ident"  # a macro use: an operand, never mutated
            guard_pending = None
            if any(stack):
                continue
            toks.append(Tok(kind, val, m.start(), pos, mutable=False))
            continue
        guard_pending = None
        if any(stack):
            continue
        toks.append(Tok(kind, val, m.start(), pos))
    return toks


# ============================================================================= structure


class _Parser:
    """Just enough structure: which tokens are mutable, where procedural statements and `if`
    conditions are, which `<=` are assignments."""

    def __init__(self, toks: list[Tok]):
        self.t = toks
        self.n = len(toks)
        self.ifs: list[tuple[int, int]] = []  # (open paren, close paren) of procedural ifs
        self.assigns: list[tuple[int, int, int]] = []  # (lvalue start, op, semicolon) procedural

    def text(self, i: int) -> str:
        return self.t[i].text if i < self.n else ""

    def mask(self, a: int, b: int) -> None:
        for k in range(a, min(b, self.n)):
            self.t[k].mutable = False

    def close(self, i: int) -> int:
        """Index of the bracket matching the opener at i."""
        pairs = {"(": ")", "[": "]", "{": "}", "'{": "}"}
        depth = 0
        for k in range(i, self.n):
            x = self.t[k].text
            if x in pairs:
                depth += 1
            elif x in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return k
        return self.n - 1

    def semicolon(self, i: int) -> int:
        """Index of the next `;` at bracket depth 0 from i."""
        depth = 0
        for k in range(i, self.n):
            x = self.t[k].text
            if x in ("(", "[", "{", "'{"):
                depth += 1
            elif x in (")", "]", "}"):
                depth -= 1
            elif x == ";" and depth <= 0:
                return k
        return self.n - 1

    def skip_label(self, i: int) -> int:
        if self.text(i) == ":" and i + 1 < self.n and self.t[i + 1].kind == "ident":
            return i + 2
        return i

    # ------------------------------------------------------------------ items (module level)
    def items(self) -> None:
        i = 0
        while i < self.n:
            i = self.item(i)

    def item(self, i: int) -> int:
        x = self.text(i)
        if x in ("module", "interface", "program"):
            j = i + 2
            while j < self.n:
                j = self.semicolon(j)
                if self.text(j - 1) == ")" or j == i + 2:
                    break
                j += 1
            self.mask(i, j + 1)
            return j + 1
        if x == "package":
            self.mask(i, i + 3)
            return i + 3
        if x in ("endmodule", "endpackage", "endinterface", "endprogram", "endgenerate", "generate", "else"):
            return self.skip_label(i + 1)
        if x in _END:
            return self.skip_label(i + 1)
        if x in _BEGIN:
            return self.skip_label(i + 1)
        if x in ("always", "always_ff", "always_comb", "always_latch"):
            j = self.event_control(i + 1)
            return self.stmt(j)
        if x in ("initial", "final"):
            j = self.stmt_end(i + 1)
            self.mask(i, j)
            return j
        if x in ("function", "task"):
            end_kw = "end" + x
            j = self.semicolon(i)
            self.mask(i, j + 1)
            j += 1
            while j < self.n and self.text(j) != end_kw:
                j = self.stmt(j)
            return self.skip_label(j + 1)
        if x in ("property", "sequence", "covergroup", "clocking"):
            end_kw = {"covergroup": "endgroup"}.get(x, "end" + x)
            j = i
            while j < self.n and self.text(j) != end_kw:
                j += 1
            j = self.skip_label(j + 1)
            self.mask(i, j)
            return j
        if x == "assign":
            j = self.semicolon(i)
            eq = next((k for k in range(i, j) if self.text(k) == "="), i)
            self.mask(i, eq + 1)
            self.t[eq].assign_op = True
            return j + 1
        if x in ("for", "if", "case") and self.text(i + 1) == "(":
            return self.close(i + 1) + 1  # generate for / if: header only; the body is items
        if self.is_sva(i):
            j = self.sva_end(i)
            self.mask(i, j)
            return j
        if self.is_decl(i):
            return self.decl(i)
        # instantiation or anything else: up to its `;`
        return self.semicolon(i) + 1

    def event_control(self, i: int) -> int:
        if self.text(i) == "@":
            if self.text(i + 1) == "(":
                j = self.close(i + 1) + 1
            else:
                j = i + 2  # @* or @ident
            self.mask(i, j)
            return j
        return i

    def is_sva(self, i: int) -> bool:
        if self.text(i) in _SVA_KW:
            return True
        return self.t[i].kind == "ident" and self.text(i + 1) == ":" and self.text(i + 2) in _SVA_KW

    def sva_end(self, i: int) -> int:
        j = self.semicolon(i)
        while self.text(j + 1) == "else":
            j = self.stmt_end(j + 2) - 1
        return j + 1

    def is_decl(self, i: int) -> bool:
        x = self.text(i)
        if x in _DECL_KW:
            return True
        if self.t[i].kind != "ident" or x in KEYWORDS:
            return False
        j = i + 1
        if self.text(j) == "::":
            j += 2
        while self.text(j) == "[":
            j = self.close(j) + 1
        return (self.t[j].kind == "ident" and self.text(j) not in KEYWORDS and
                self.text(j + 1) in (";", ",", "=", "[")) if j < self.n else False

    def decl(self, i: int) -> int:
        j = self.semicolon(i)
        if self.text(i) in ("localparam", "parameter", "typedef", "import", "genvar"):
            self.mask(i, j + 1)
            return j + 1
        depth = 0
        eq = None
        for k in range(i, j):
            y = self.text(k)
            if y in ("(", "[", "{", "'{"):
                depth += 1
            elif y in (")", "]", "}"):
                depth -= 1
            elif y == "=" and depth == 0:
                eq = k
                break
        self.mask(i, (eq + 1) if eq is not None else j + 1)
        return j + 1

    # ------------------------------------------------------------------ statements (procedural)
    def stmt_end(self, i: int) -> int:
        """Index just past the statement starting at i (structure only, no marking)."""
        x = self.text(i)
        if x in _BEGIN:
            depth, j = 0, i
            while j < self.n:
                if self.text(j) in _BEGIN:
                    depth += 1
                elif self.text(j) in _END:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            return self.skip_label(j + 1)
        if x in ("unique", "unique0", "priority"):
            return self.stmt_end(i + 1)
        if x in ("case", "casez", "casex"):
            depth, j = 0, i
            while j < self.n:
                if self.text(j) in ("case", "casez", "casex"):
                    depth += 1
                elif self.text(j) == "endcase":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            return j + 1
        if x == "if":
            j = self.stmt_end(self.close(i + 1) + 1)
            if self.text(j) == "else":
                j = self.stmt_end(j + 1)
            return j
        if x in ("for", "while", "repeat", "foreach"):
            return self.stmt_end(self.close(i + 1) + 1)
        if x == "forever":
            return self.stmt_end(i + 1)
        if x == "@":
            return self.stmt_end(self.event_control(i))
        return self.semicolon(i) + 1

    def stmt(self, i: int) -> int:
        """Walk one procedural statement, recording ifs and assignments and masking what is not
        mutable; returns the index just past it."""
        x = self.text(i)
        if x in _BEGIN:
            j = self.skip_label(i + 1)
            while j < self.n and self.text(j) not in _END:
                j = self.stmt(j)
            return self.skip_label(j + 1)
        if x in ("unique", "unique0", "priority"):
            return self.stmt(i + 1)
        if x in ("case", "casez", "casex"):
            j = self.close(i + 1) + 1
            while j < self.n and self.text(j) != "endcase":
                # case item: labels up to `:` (or `default`), then a statement
                if self.text(j) == "default":
                    j += 1
                    if self.text(j) == ":":
                        j += 1
                else:
                    depth = 0
                    while j < self.n:
                        y = self.text(j)
                        if y in ("(", "[", "{", "'{"):
                            depth += 1
                        elif y in (")", "]", "}"):
                            depth -= 1
                        elif y == ":" and depth == 0:
                            break
                        j += 1
                    j += 1
                j = self.stmt(j)
            return j + 1
        if x == "if":
            close = self.close(i + 1)
            self.ifs.append((i + 1, close))
            j = self.stmt(close + 1)
            if self.text(j) == "else":
                j = self.stmt(j + 1)
            return j
        if x in ("for", "while", "repeat", "foreach"):
            return self.stmt(self.close(i + 1) + 1)
        if x == "forever":
            return self.stmt(i + 1)
        if x == "@":
            return self.stmt(self.event_control(i))
        if x == ";":
            return i + 1
        if self.is_sva(i) or x.startswith("$"):
            j = self.sva_end(i) if self.is_sva(i) else self.semicolon(i) + 1
            self.mask(i, j)
            return j
        if x in ("return", "break", "continue", "disable"):
            return self.semicolon(i) + 1
        if self.is_decl(i):
            return self.decl(i)
        # an assignment: lvalue (identifiers, selects, concatenation) then = / <= / op=
        j = self.semicolon(i)
        depth = 0
        for k in range(i, j):
            y = self.text(k)
            if y in ("(", "[", "{", "'{"):
                depth += 1
            elif y in (")", "]", "}"):
                depth -= 1
            elif depth == 0 and y in ("=", "<=", "+=", "-=", "&=", "|=", "^=", "<<=", ">>="):
                self.t[k].assign_op = True
                self.assigns.append((i, k, j))
                break
            elif depth == 0 and y not in (".", "::") and self.t[k].kind != "ident":
                break  # not an lvalue: a call or an expression statement (i++)
        return j + 1

    def mask_ranges(self) -> None:
        """Ranges and part selects ([a:b], [a+:w]) are declarations' widths or fixed slices:
        not mutated."""
        for i, tk in enumerate(self.t):
            if tk.text == "[":
                j = self.close(i)
                depth = 0
                for k in range(i + 1, j):
                    y = self.text(k)
                    if y in ("(", "[", "{", "'{"):
                        depth += 1
                    elif y in (")", "]", "}"):
                        depth -= 1
                    elif depth == 0 and y in (":", "+:", "-:"):
                        for t in self.t[i:j + 1]:
                            t.ranged = True
                        break


# ============================================================================= mutants


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str  # repo-relative
    line: int  # 1-based, where the change starts
    col: int  # 1-based, in the raw line
    op: str
    start: int  # character offsets of the replaced text in the file
    end: int
    orig: str
    repl: str

    def apply(self, text: str) -> str:
        assert text[self.start:self.end] == self.orig, f"{self.id}: file changed under the mutant"
        return text[:self.start] + self.repl + text[self.end:]

    def diff(self, text: str, context: int = 2) -> str:
        a = text.splitlines(keepends=True)
        b = self.apply(text).splitlines(keepends=True)
        return "".join(difflib.unified_diff(a, b, f"a/{self.file}", f"b/{self.file}", n=context))

    def short(self) -> str:
        o = " ".join(self.orig.split())
        r = " ".join(self.repl.split())
        o = o if len(o) <= 40 else o[:37] + "..."
        r = r if len(r) <= 40 else r[:37] + "..."
        return f"{self.file}:{self.line} {self.op}: {o!r} -> {r!r}"


_SWAPS = {
    "&": ["|"], "|": ["&", "^"], "^": ["|"], "+": ["-"], "-": ["+"], "==": ["!="], "!=": ["=="],
    "<": ["<="], "<=": ["<"], ">": [">="], ">=": [">"], "&&": ["||"], "||": ["&&"],
    "<<": [">>"], ">>": ["<<"],
}
_OPERAND_END_KINDS = {"ident", "number", "sized", "based", "fill", "string"}


def _operand_end(tk: Tok | None) -> bool:
    if tk is None:
        return False
    if tk.kind == "ident":
        return tk.text not in KEYWORDS
    return tk.kind in _OPERAND_END_KINDS or tk.text in (")", "]", "}")


def _const_repls(lit: str) -> list[str]:
    m = re.fullmatch(r"(\d[\d_]*)\s*'([sS]?)([bBoOdDhH])\s*([0-9a-fA-F_]+)", lit)
    if not m:
        return []
    width = int(m.group(1).replace("_", ""))
    base = {"b": 2, "o": 8, "d": 10, "h": 16}[m.group(3).lower()]
    try:
        v = int(m.group(4).replace("_", ""), base)
    except ValueError:
        return []
    if width < 1 or width > 64:
        return []

    def fmt(x: int) -> str:
        digits = {2: "b", 8: "o", 10: "d", 16: "x"}[base]
        body = format(x, digits).zfill(len(m.group(4).replace("_", "")))
        return f"{width}'{m.group(2)}{m.group(3)}{body}"

    out = []
    if width == 1:
        return [fmt(1 - v)] if v in (0, 1) else []
    if v + 1 < 2**width:
        out.append(fmt(v + 1))
    if v > 0:
        out.append(fmt(v - 1))
    return out


def _expr_start(toks: list[Tok], q: int) -> int:
    """First token of the condition of the `?` at q (?: binds loosest, so back to the nearest
    unmatched opener, `,`, `;`, assignment, `?`, `:` or keyword)."""
    depth = 0
    k = q - 1
    while k >= 0:
        x = toks[k].text
        if x in (")", "]", "}"):
            depth += 1
        elif x in ("(", "[", "{", "'{"):
            if depth == 0:
                return k + 1
            depth -= 1
        elif depth == 0 and (x in (",", ";", "?", ":", "=") or toks[k].assign_op or
                             (toks[k].kind == "ident" and x in KEYWORDS)):
            return k + 1
        k -= 1
    return 0


def _ternary(toks: list[Tok], q: int) -> tuple[int, int, int] | None:
    """(condition start, index of the matching `:`, index past the false arm) of the `?` at q."""
    depth, nest, colon = 0, 0, None
    for k in range(q + 1, len(toks)):
        x = toks[k].text
        if x in ("(", "[", "{", "'{"):
            depth += 1
        elif x in (")", "]", "}"):
            if depth == 0:
                return (_expr_start(toks, q), colon, k) if colon is not None else None
            depth -= 1
        elif depth == 0:
            if x == "?":
                nest += 1
            elif x == ":":
                if colon is None and nest == 0:
                    colon = k
                elif nest > 0:
                    nest -= 1
                else:
                    return (_expr_start(toks, q), colon, k)
            elif x in (",", ";"):
                return (_expr_start(toks, q), colon, k) if colon is not None else None
    return None


def mutants_of(path: str, text: str) -> list[Mutant]:
    """Every candidate mutant of one file, in file order (IDs unique within the file)."""
    toks = lex(text)
    p = _Parser(toks)
    p.items()
    p.mask_ranges()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    raw: list[tuple[str, int, int, str]] = []  # (op, start, end, replacement)

    def span(a: int, b: int) -> tuple[int, int]:  # token indices [a, b] inclusive -> chars
        return toks[a].start, toks[b].end

    def all_mutable(a: int, b: int) -> bool:
        return all(toks[k].mutable for k in range(a, b + 1))

    for i, tk in enumerate(toks):
        if not tk.mutable or tk.ranged:
            continue
        prev = toks[i - 1] if i else None
        if tk.text in _SWAPS and not tk.assign_op and _operand_end(prev):
            for r in _SWAPS[tk.text]:
                raw.append(("binop", tk.start, tk.end, r))
        elif tk.kind == "sized":
            for r in _const_repls(tk.text):
                raw.append(("const", tk.start, tk.end, r))
        elif tk.kind == "fill" and tk.text in ("'0", "'1"):
            raw.append(("const", tk.start, tk.end, "'1" if tk.text == "'0" else "'0"))
        elif tk.text == "?" and _operand_end(prev):
            t3 = _ternary(toks, i)
            if t3 is None:
                continue
            c0, colon, past = t3
            if not (0 < c0 < i < colon < past - 1) or not all_mutable(c0, past - 1):
                continue
            a0, a1 = span(i + 1, colon - 1)
            b0, b1 = span(colon + 1, past - 1)
            s0, s1 = toks[c0].start, toks[past - 1].end
            a_txt, b_txt = text[a0:a1], text[b0:b1]
            raw.append(("mux-a", s0, s1, f"({a_txt})"))
            raw.append(("mux-b", s0, s1, f"({b_txt})"))
            raw.append(("mux-swap", a0, b1, f"{b_txt} : {a_txt}"))

    for lo, hi in p.ifs:
        if hi <= lo + 1 or not toks[lo - 1].mutable or not all_mutable(lo + 1, hi - 1):
            continue
        c0, c1 = span(lo + 1, hi - 1)
        cond = text[c0:c1]
        raw.append(("if-true", c0, c1, "1'b1"))
        raw.append(("if-false", c0, c1, "1'b0"))
        raw.append(("if-invert", c0, c1, f"!({cond})"))

    idents = {t.text for t in toks if t.kind == "ident"}
    for lv, op, semi in p.assigns:
        if not toks[lv].mutable and toks[lv].kind != "ident":
            continue
        if any(t.kind == "ident" and t.text in _SVA_KW for t in toks[lv:semi]):
            continue
        s0, s1 = toks[lv].start, toks[semi].end
        raw.append(("drop", s0, s1, ";"))
        root = toks[lv].text
        if root.endswith("_d") and root[:-2] + "_q" in idents and toks[op].text in ("=", "<="):
            lv_txt = text[toks[lv].start:toks[op - 1].end]
            hold = root[:-2] + "_q" + lv_txt[len(root):]
            r0, r1 = span(op + 1, semi - 1)
            if text[r0:r1].strip() != hold:
                raw.append(("hold", r0, r1, hold))

    out: list[Mutant] = []
    seen: dict[str, int] = {}
    for op, s0, s1, repl in sorted(raw, key=lambda r: (r[1], r[2], r[0], r[3])):
        orig = text[s0:s1]
        if orig == repl:
            continue
        ln = next(k for k in range(len(line_starts) - 1, -1, -1) if line_starts[k] <= s0)
        line_end = text.find("\n", s0)
        line_text = text[line_starts[ln]:line_end if line_end >= 0 else len(text)]
        indent = len(line_text) - len(line_text.lstrip())
        col_stripped = s0 - line_starts[ln] - indent
        key = "\x00".join([path, line_text.strip(), str(col_stripped), op, orig, repl])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # the same change on an identical line: number the repeats
            key += f"\x00{seen[key]}"
        mid = hashlib.sha1(key.encode()).hexdigest()[:10]
        out.append(Mutant(mid, path, ln + 1, s0 - line_starts[ln] + 1, op, s0, s1, orig, repl))
    return out


def rtl_dirs(block: Block) -> list[str]:
    """Where a block's hand-written RTL lives: its folder (Block.rtl) and the shared primitives rtl/common/
    (docs/common_rtl.md), which are mutated with every block whose sources list them."""
    return list(dict.fromkeys([f"{block.rtl}/", "rtl/common/"]))


def rtl_files(block: Block) -> list[str]:
    """The block's hand-written RTL in compile order: rtl/<block>/*.sv and rtl/common/*.sv from its
    sources."""
    return [s for s in block.sources if s.endswith(".sv")
            and any(s.startswith(pre) and "/" not in s[len(pre):] for pre in rtl_dirs(block))]


def enumerate_mutants(block: Block, texts: dict[str, str]) -> list[Mutant]:
    out: list[Mutant] = []
    for f in rtl_files(block):
        out += mutants_of(f, texts[f])
    return out


def sample(mutants: list[Mutant], count: int, seed: int) -> list[Mutant]:
    """`count` of the candidates (all if count <= 0 or >= their number), drawn with `seed`, in
    candidate order."""
    if count <= 0 or count >= len(mutants):
        return list(mutants)
    idx = sorted(random.Random(seed).sample(range(len(mutants)), count))
    return [mutants[k] for k in idx]


def load_equivalent(block: str) -> dict[str, str]:
    f = ROOT / "tb" / block / EQUIV_FILE
    if not f.exists():
        return {}
    data = tomllib.loads(f.read_text())
    return {str(k): str(v) for k, v in data.get("equivalent", {}).items()}


# ============================================================================= running


def snapshot(block: Block) -> dict[str, str]:
    """Every file under rtl/<block>/ and rtl/common/ as of now (the mutants all start from this)."""
    return {str(p.relative_to(ROOT)): p.read_text()
            for pre in rtl_dirs(block) for p in sorted((ROOT / pre).rglob("*")) if p.is_file()}


@dataclass
class Slot:
    """A work folder reused mutant after mutant: the same paths keep Verilator's C++ identical
    where the mutant does not reach, so ccache serves most of every rebuild."""

    path: Path
    on_disk: dict[str, str] = dataclasses.field(default_factory=dict)
    lock: object = None  # the open, flock()ed work<n>.lock: no other process uses this folder

    def release(self) -> None:
        if self.lock is not None:
            self.lock.close()
            self.lock = None

    def write(self, texts: dict[str, str]) -> None:
        for rel, txt in texts.items():
            if self.on_disk.get(rel) != txt:
                f = self.path / rel
                f.parent.mkdir(parents=True, exist_ok=True)
                if not f.exists() or f.read_text() != txt:
                    f.write_text(txt)
                self.on_disk[rel] = txt

    def block(self, block: Block) -> Block:
        pres = tuple(rtl_dirs(block))

        def move(s: str) -> str:
            return str(self.path / s) if s.startswith(pres) else s

        return dataclasses.replace(block, sources=[move(s) for s in block.sources],
                                   waivers=[move(w) for w in block.waivers])


@dataclass
class Plan:
    block: Block
    runs: list[tuple[Test, int]]  # in kill order
    timeouts: dict[str, int]  # run key -> seconds
    base_env: dict[str, str]
    texts: dict[str, str]
    digests: dict[str, str] = dataclasses.field(default_factory=dict)  # config -> unmutated model's digest


def run_key(test: Test, seed: int) -> str:
    return f"{test.name}@{test.config}/s{seed}"


def candidate_runs(block: Block, seeds: int = 0) -> list[tuple[Test, int]]:
    """The block's non-negative, non-bench tests on the CI seeds (the first `seeds` of them if > 0)."""
    ci = regress.CI_SEEDS[:seeds] if seeds > 0 else regress.CI_SEEDS
    out = []
    for test in block.tests:
        if test.negative or test.bench:
            continue
        for seed in (ci if test.seeded else ci[:1]):
            out.append((test, seed))
    return out


def lint_elaborate(block: Block, config: str, log: Path) -> str:
    """'' if Verilator elaborates the design, else its first error line."""
    params = [f"-G{k}={v}" for k, v in block.configs[config].items()]
    cmd = ["verilator", "--lint-only", "-Wno-fatal", "-Wno-lint", "-Wno-style", "-Werror-USERERROR", "--assert",
           "--top-module", block.toplevel, *params, *[str(ROOT / s) for s in block.sources],
           *[str(ROOT / w) for w in block.waivers]]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    log.write_text(proc.stdout + proc.stderr)
    if proc.returncode == 0:
        return ""
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.startswith("%Error"):
            return line.strip()[:200]
    return f"verilator --lint-only exited {proc.returncode}"


def build_digest(build_dir: Path, slot: Slot) -> str:
    """Hash of the C++ model Verilator generated into a build folder (work-folder paths masked):
    two versions of the RTL with the same digest simulate identically, so a mutant that leaves it
    unchanged is equivalent (dead or redundant code) and needs no simulation."""
    h = hashlib.sha256()
    for f in sorted(build_dir.glob("Vtop*")):
        if f.suffix in (".cpp", ".h"):
            h.update(f.name.encode() + b"\0" + f.read_text(errors="replace").replace(str(slot.path), "<slot>").encode())
    return h.hexdigest()


def run_one(plan: Plan, slot: Slot, texts: dict[str, str], label: str) -> dict:
    """Build and run one version of the RTL (a mutant or the baseline) until a run fails."""
    regress.SIM_BUILD = slot.path  # this process runs one design at a time: private build/run dirs
    slot.write(texts)
    blk = slot.block(plan.block)
    res: dict = {"status": "survived", "test": "", "seed": None, "reason": "", "runs": 0}
    t0 = time.monotonic()
    res["log_dir"] = str(slot.path)
    first_cfg = plan.runs[0][0].config if plan.runs else "default"
    err = lint_elaborate(blk, first_cfg, slot.path / "lint.log")
    if err:
        res.update(status="did-not-compile", reason=err)
        res["wall_s"] = round(time.monotonic() - t0, 1)
        return res
    builds: dict[str, Path] = {}
    digests: dict[str, str] = {}

    def build(cfg: str) -> None:
        builds[cfg] = regress.build(blk, cfg, coverage=False)
        digests[cfg] = build_digest(builds[cfg], slot)

    def refused(cfg: str) -> dict:
        """A configuration the unmutated RTL builds (its baseline passed) and the mutant does not,
        although the mutant elaborates at `first_cfg`: a legal build refused (an elaboration check
        or a width made wrong) is a bug an integrator sees, so it is killed; only a mutant that
        elaborates nowhere is "did-not-compile"."""
        if cfg == first_cfg:
            return res | {"status": "did-not-compile", "reason": f"build of {cfg} failed"}
        return res | {"status": "killed", "by": "build", "test": f"build@{cfg}",
                      "reason": f"build of {cfg} failed (the unmutated RTL builds it): "
                                + (lint_elaborate(blk, cfg, slot.path / f"lint-{cfg}.log") or "see its build.log")}

    cfgs = list(dict.fromkeys(t.config for t, _ in plan.runs))
    if label != "baseline" and plan.digests and cfgs:
        # Same generated model as the unmutated RTL in every configuration: equivalent, no runs.
        try:
            for cfg in cfgs:
                build(cfg)
                if digests[cfg] != plan.digests.get(cfg):
                    break
            else:
                res.update(status="equivalent", identical_model=True,
                           reason="Verilator generates the unmutated model (dead or redundant code)")
                res["wall_s"] = round(time.monotonic() - t0, 1)
                return res
        except SystemExit:
            if cfg != first_cfg:  # no need to run the other configurations' tests first
                res = refused(cfg)
                res["wall_s"] = round(time.monotonic() - t0, 1)
                return res
            # the run loop below reports it
    times: dict[str, dict] = {}
    for test, seed in plan.runs:
        if test.config not in builds:
            try:
                build(test.config)
            except SystemExit:
                res = refused(test.config) | {"runs": res["runs"]}
                break
        t = dataclasses.replace(test, timeout_s=plan.timeouts.get(run_key(test, seed), 300))
        r = regress.execute(regress.Run(blk, t, seed, builds[test.config]), plan.base_env)
        res["runs"] += 1
        times[run_key(test, seed)] = {"sim_time_ns": r.sim_time_ns, "wall_s": round(r.wall_s, 2)}
        if r.status != "PASS":
            timeout = r.status == "ERROR" and "hung" in r.reason
            sva = regress.assertion_failure(r)
            res.update(status="timeout" if timeout else "killed", test=r.label, seed=seed,
                       reason=(sva or r.reason)[:200],
                       # an RTL assertion (SVA) fired, or the testbench's own checks failed
                       by="sva" if "Assertion failed" in sva else "testbench")
            log = OUT / plan.block.name / "logs" / f"{label}.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(r.run_dir / "run.log", log)
            res["log"] = project.rel(log)
            break
    res["wall_s"] = round(time.monotonic() - t0, 1)
    res["times"] = times
    res["digests"] = digests
    return res


def run_baseline(plan: Plan, slot: Slot, jobs: int) -> dict:
    """The unmutated RTL through every run (all of them, `jobs` at a time): all must pass."""
    if jobs <= 1:
        return run_one(plan, slot, plan.texts, "baseline")
    regress.SIM_BUILD = slot.path
    slot.write(plan.texts)
    blk = slot.block(plan.block)
    builds = {}
    for test, _ in plan.runs:
        if test.config not in builds:
            builds[test.config] = regress.build(blk, test.config, coverage=False)
    digests = {cfg: build_digest(d, slot) for cfg, d in builds.items()}
    runs = [regress.Run(blk, t, s, builds[t.config]) for t, s in plan.runs]
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(lambda r: regress.execute(r, plan.base_env), runs))
    res: dict = {"status": "survived", "test": "", "seed": None, "reason": "",
                 "times": {run_key(r.test, r.seed): {"sim_time_ns": r.sim_time_ns, "wall_s": round(r.wall_s, 2)}
                           for r in runs}, "digests": digests}
    bad = [r for r in runs if r.status != "PASS"]
    if bad:
        res.update(status="killed", test=bad[0].label, seed=bad[0].seed, reason=bad[0].reason,
                   log=project.rel(bad[0].run_dir / "run.log"))
    return res


_WORKER: dict = {}


def acquire_slot(base: Path) -> Slot:
    """The first work folder base/work<n> no other process holds (an flock on work<n>.lock, held
    while this process lives): two `make mutate` of one block never share a folder."""
    base.mkdir(parents=True, exist_ok=True)
    for k in range(64):
        f = open(base / f"work{k}.lock", "w")  # noqa: SIM115 (kept open: it is the lock)
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.close()
            continue
        return Slot(base / f"work{k}", lock=f)
    raise SystemExit(f"mutate: no free work folder under {base}")


def _worker_init(base: Path) -> None:
    _WORKER["slot"] = acquire_slot(base)


def _worker(plan: Plan, m: Mutant) -> tuple[str, dict]:
    texts = dict(plan.texts)
    texts[m.file] = m.apply(texts[m.file])
    return m.id, run_one(plan, _WORKER["slot"], texts, m.id)


def fingerprint(block: Block, texts: dict[str, str]) -> str:
    """What the baseline depends on: the RTL, the testbench, the test list."""
    h = hashlib.sha256()
    for k in sorted(texts):
        h.update(k.encode() + b"\0" + texts[k].encode() + b"\0")
    for d in (ROOT / "tb" / block.name, ROOT / "tb" / "common", ROOT / "models"):
        for p in sorted(d.rglob("*.py")):
            if "tests" not in p.parts:
                h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(repr(candidate_runs(block)).encode())
    return h.hexdigest()[:16]


def order_runs(block: Block, baseline: dict | None, seeds: int = 0) -> list[tuple[Test, int]]:
    """Seed 1 before seed 2; the default configuration, then the others in manifest order; within
    those, the shortest simulated time (baseline) first; else manifest order."""
    runs = candidate_runs(block, seeds)
    cfgs = list(dict.fromkeys(["default"] + [t.config for t in block.tests]))

    def key(item: tuple[int, tuple[Test, int]]):
        k, (test, seed) = item
        sim = (baseline or {}).get(run_key(test, seed), {}).get("sim_time_ns", 0.0)
        return (regress.CI_SEEDS.index(seed), cfgs.index(test.config), sim, k)

    return [r for _, r in sorted(enumerate(runs), key=key)]


# ============================================================================= report


def write_report(block: Block, meta: dict, chosen: list[Mutant], results: dict[str, dict],
                 texts: dict[str, str], equiv: dict[str, str]) -> tuple[str, dict]:
    counts = {k: 0 for k in ("killed", "timeout", "survived", "did-not-compile", "equivalent", "not-run")}
    results = {m.id: results.get(m.id, {"status": "not-run"}) for m in chosen}
    for m in chosen:
        counts[results[m.id]["status"]] += 1
    total = len(chosen)
    denom = total - counts["did-not-compile"] - counts["equivalent"] - counts["not-run"]
    rate = 100.0 * (counts["killed"] + counts["timeout"]) / denom if denom else 100.0
    rows = []
    for m in chosen:
        r = results[m.id]
        rows.append({"id": m.id, "file": m.file, "line": m.line, "col": m.col, "op": m.op, "orig": m.orig,
                     "repl": m.repl, **{k: v for k, v in r.items() if k not in ("times", "log_dir")},
                     "diff": m.diff(texts[m.file]),
                     "replay": f"make mutate BLOCK={block.name} MUTANT={m.id}"})
    data = {**meta, "counts": counts, "total": total, "kill_rate": round(rate, 1), "mutants": rows}

    L = [f"# Mutation score: {block.name}", ""]
    L.append(f"{total} mutants ({meta['selection']}) of {meta['candidates']} candidates; "
             f"tests {meta['order_from']}.")
    L.append("")
    L.append("| killed | timeout | survived | did-not-compile | equivalent | not run (yet) | kill rate |")
    L.append("|---|---|---|---|---|---|---|")
    L.append(f"| {counts['killed']} | {counts['timeout']} | {counts['survived']} | {counts['did-not-compile']} "
             f"| {counts['equivalent']} | {counts['not-run']} | **{rate:.1f} %** |")
    L.append("")
    L.append("kill rate = (killed + timeout) / (total - did-not-compile - equivalent); a timeout counts as "
             "killed (as in MCY).")
    surv = [x for x in rows if x["status"] == "survived"]
    if surv:
        L += ["", "## Survivors", "",
              "Each is a bug the testbench does not catch, or an equivalent mutant (then list it in "
              f"tb/{block.name}/{EQUIV_FILE} with its reason).", ""]
        for x in surv:
            L += [f"### {x['id']}  {x['file']}:{x['line']}  ({x['op']})", "", "```diff", x["diff"].rstrip(), "```",
                  f"replay: `{x['replay']}`", ""]
    eq = [x for x in rows if x["status"] == "equivalent"]
    if eq:
        L += ["", "## Equivalent (not counted)", ""]
        for x in eq:
            L.append(f"- `{x['id']}` {x['file']}:{x['line']} {x['op']}: {equiv.get(x['id']) or x.get('reason', '')}")
    L += ["", "## Every mutant", "", "| id | where | operator | change | result | by | wall |", "|---|---|---|---|---|---|---|"]
    for m, x in zip(chosen, rows, strict=True):
        seed_s = "" if x.get("seed") is None else f" s{x.get('seed')}"  # a build kill has no seed
        by = f"{x.get('test', '')}{seed_s}" if x["status"] in ("killed", "timeout") else x.get("reason", "")
        change = m.short().split(": ", 1)[1].replace("|", "\\|")
        L.append(f"| `{m.id}` | {m.file.split('/')[-1]}:{m.line} | {m.op} | `{change}` | {x['status']} | "
                 f"{by.replace('|', '/')[:90]} | {x.get('wall_s', '')} s |")
    md = "\n".join(L) + "\n"
    out = OUT / block.name
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(md)
    (out / "report.json").write_text(json.dumps(data, indent=1) + "\n")
    return md, data


# ============================================================================= time to kill

_SUMMARY = re.compile(r"\*\*\s+TESTS=\d+\s+PASS=\d+\s+FAIL=\d+\s+SKIP=\d+\s+([0-9.]+)")


_PROGRESS = re.compile(r"\]\s+(killed)\s+([0-9a-f]{10})\s.*\bby (\S+) s(\d+)")  # (timeouts: hangs)


def kill_times(block: Block, stdout_log: Path | None = None) -> str:
    """How far into its run each killing test caught its mutant: the killing run's simulated time
    (from the log the report kept) over the same run's time on the unmutated RTL (baseline.json).
    Per test: kills, median and largest fraction. A random test whose largest fraction is well below
    1 is long enough for the mutants sampled (the length is sized by kills, not by wall time); a
    fraction near 1 may also be a check made only at the end of the test (counters, drain).
    Timeouts (hangs) are left out."""
    out = OUT / block.name
    if stdout_log is None:  # the last report's mutants
        kills = [(x["id"], x["test"], x["seed"]) for x in json.loads((out / "report.json").read_text())["mutants"]
                 if x.get("status") == "killed" and x.get("seed") is not None]
    else:  # a `make mutate` output (its progress lines), e.g. after a replay overwrote the report
        kills = [(m.group(2), m.group(3), int(m.group(4))) for m in _PROGRESS.finditer(stdout_log.read_text())]
    base = json.loads((out / "baseline.json").read_text())["times"]
    per_test: dict[str, list[float]] = {}
    for mid, test, seed in kills:
        x = {"test": test, "seed": seed}
        log = out / "logs" / f"{mid}.log"
        m = _SUMMARY.search(log.read_text(errors="replace")) if log.exists() else None
        name, _, cfg = x["test"].partition("@")
        key = f"{name}@{cfg or 'default'}/s{x['seed']}"
        if m is None or key not in base or not base[key]["sim_time_ns"]:
            continue
        per_test.setdefault(key, []).append(float(m.group(1)) / base[key]["sim_time_ns"])
    L = [f"# Time to kill: {block.name}", "",
         "Simulated time at which the killing run failed, as a fraction of the same run on the unmutated RTL.", "",
         "| run | kills | median | largest |", "|---|---|---|---|"]
    for key, fr in sorted(per_test.items(), key=lambda kv: -len(kv[1])):
        fr.sort()
        L.append(f"| {key} | {len(fr)} | {fr[len(fr) // 2]:.2f} | {fr[-1]:.2f} |")
    md = "\n".join(L) + "\n"
    (out / "kill_times.md").write_text(md)
    return md


# ============================================================================= main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--block", required=True)
    ap.add_argument("--kill-times", action="store_true",
                    help="from the last report: how far into each killing run the kill came (no simulation)")
    ap.add_argument("--kill-times-from", help="with --kill-times: take the kills from this `make mutate` output")
    ap.add_argument("--count", type=int, default=60, help="mutants to sample (0: all); default 60")
    ap.add_argument("--seed", type=int, default=1, help="sampling seed; default 1")
    ap.add_argument("--jobs", type=int, default=1, help="mutants in parallel; default 1")
    ap.add_argument("--mutant", help="comma-separated IDs: run just these (replay)")
    ap.add_argument("--min-rate", type=float, default=95.0, help="fail below this kill rate (%%); default 95")
    ap.add_argument("--require-killed", default="",
                    help="comma-separated IDs (or 'all'): fail unless each is killed (or times out)")
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip the unmutated run (CI: `make test` just ran it); manifest order, 300 s limits")
    ap.add_argument("--recheck-equivalent", action="store_true",
                    help="also simulate mutants listed as equivalent (finds stale entries)")
    ap.add_argument("--seeds", type=int, default=0,
                    help=f"run the tests on the first N of the CI seeds {regress.CI_SEEDS} only (default: all)")
    ap.add_argument("--no-digest", action="store_true",
                    help="simulate even mutants whose generated model is identical to the unmutated one")
    ap.add_argument("--list", action="store_true", help="print every candidate mutant and exit")
    args = ap.parse_args(argv)
    if args.block not in project.blocks():
        print(f"mutate: unknown block {args.block!r}; blocks: {project.blocks()}")
        return 2
    block = project.load_block(args.block)
    texts = snapshot(block)
    candidates = enumerate_mutants(block, texts)
    by_id = {m.id: m for m in candidates}
    if args.kill_times:
        print(kill_times(block, Path(args.kill_times_from) if args.kill_times_from else None), end="")
        return 0
    if args.list:
        for m in candidates:
            print(f"{m.id}  {m.short()}")
        print(f"mutate: {len(candidates)} candidates in {', '.join(rtl_files(block))}")
        return 0
    if args.mutant:
        ids = [x.strip() for x in args.mutant.split(",") if x.strip()]
        missing = [x for x in ids if x not in by_id]
        if missing:
            print(f"mutate: no mutant {', '.join(missing)} in today's rtl/{block.name} (its line changed?); "
                  f"`make mutate BLOCK={block.name} COUNT=0` lists ... `tools/mutate.py --block {block.name} --list`")
            return 2
        chosen = [by_id[x] for x in ids]
        selection = "by ID"
    else:
        chosen = sample(candidates, args.count, args.seed)
        selection = f"COUNT={args.count} SEED={args.seed}"
    equiv = load_equivalent(block.name)
    req = [m.id for m in chosen] if args.require_killed == "all" else \
        [x.strip() for x in args.require_killed.split(",") if x.strip()]

    os.environ["PATH"] = f"{project.verilator_bin()}{os.pathsep}{os.environ['PATH']}"
    os.environ.pop("VERILATOR_ROOT", None)
    if shutil.which("ccache"):
        os.environ.setdefault("OBJCACHE", "ccache")
    # A mutant's model is compiled once and simulated for seconds: compile time is what counts.
    # The Verilator arguments stay regress.py's (--assert, x-randomisation, tracing); only g++
    # optimises less (-O0 instead of -Os: about a third less CPU per rebuild, measured).
    os.environ["MAKEFLAGS"] = (os.environ.get("MAKEFLAGS", "") + " OPT_FAST=-O0 OPT_SLOW=-O0").strip()
    base_env = dict(os.environ)
    base_env.update(regress.gpi_env())
    out = OUT / block.name
    out.mkdir(parents=True, exist_ok=True)
    jobs = max(1, args.jobs)
    slot0 = acquire_slot(out)
    t_start = time.monotonic()

    # ---- baseline
    baseline = None
    digests: dict[str, str] = {}
    order_from = "in manifest order (no baseline)"
    timeouts: dict[str, int] = {}
    if not args.no_baseline:
        fp = fingerprint(block, texts) + f"-s{args.seeds}"
        cache = out / "baseline.json"
        cached = json.loads(cache.read_text()) if cache.exists() else {}
        if cached.get("fingerprint") == fp:
            baseline = cached["times"]
            digests = cached.get("digests", {})
            print(f"mutate: baseline cached ({project.rel(cache)}): RTL and testbench unchanged")
        else:
            print(f"mutate: baseline: every run on the unmutated RTL ({len(candidate_runs(block, args.seeds))} runs)")
            plan0 = Plan(block, order_runs(block, None, args.seeds), {}, base_env, texts)
            t0 = time.monotonic()
            res = run_baseline(plan0, slot0, jobs)
            if res["status"] != "survived":
                print(f"mutate: the unmutated RTL does not pass: {res['status']} {res['test']} seed={res['seed']}: "
                      f"{res['reason']}  (log {res.get('log', '')})")
                return 2
            baseline, digests = res["times"], res.get("digests", {})
            cache.write_text(json.dumps({"fingerprint": fp, "times": baseline, "digests": digests}, indent=1))
            print(f"mutate: baseline passed in {time.monotonic() - t0:.0f} s")
        order_from = "ordered by the baseline's simulated time"
        timeouts = {k: int(max(60, 5 * v["wall_s"])) for k, v in baseline.items()}
    plan = Plan(block, order_runs(block, baseline, args.seeds), timeouts, base_env, texts)
    plan.digests = digests if not args.no_digest else {}
    print("mutate: run order: " + ", ".join(f"{t.name}{'' if t.config == 'default' else '@' + t.config} s{s}"
                                             for t, s in plan.runs))

    # ---- mutants
    results: dict[str, dict] = {}
    todo = []
    for m in chosen:
        if m.id in equiv and not args.recheck_equivalent:
            results[m.id] = {"status": "equivalent", "reason": equiv[m.id]}
        else:
            todo.append(m)
    print(f"mutate: {len(chosen)} mutants of {len(candidates)} candidates ({selection}); "
          f"{len(todo)} to simulate on {jobs} job(s)")

    def done(mid: str, r: dict, k: int) -> None:
        m = by_id[mid]
        if mid in equiv:
            r["listed_equivalent"] = equiv[mid]
            if r["status"] == "survived":
                r["status"] = "equivalent"
        results[mid] = r
        seed_s = "" if r.get("seed") is None else f" s{r['seed']}"  # a build kill has no seed
        by = f"by {r['test']}{seed_s}" if r["status"] in ("killed", "timeout") else r.get("reason", "")
        print(f"  [{k:>3}/{len(todo)}] {r['status']:<15} {mid}  {m.short()}  {by}  ({r['wall_s']} s)", flush=True)
        # the report so far (the unfinished mutants as not-run): an interrupted run still leaves one
        write_report(block, {**meta, "wall_s": round(time.monotonic() - t_start)}, chosen, results, texts, equiv)

    meta = {"block": block.name, "selection": selection, "candidates": len(candidates), "order_from": order_from,
            "runs": [run_key(t, s) for t, s in plan.runs], "min_rate": args.min_rate}
    # Simulated in a shuffled order (the report keeps candidate order): an interrupted run has
    # covered an unbiased part of the sample.
    random.Random(args.seed).shuffle(todo)

    if jobs == 1:
        for k, m in enumerate(todo, 1):
            t = dict(texts)
            t[m.file] = m.apply(t[m.file])
            done(m.id, run_one(plan, slot0, t, m.id), k)
    else:
        slot0.release()  # the workers take work folders of their own (work0 first, ccache warm)
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                                    initializer=_worker_init, initargs=(out,)) as pool:
            futs = [pool.submit(_worker, plan, m) for m in todo]
            for k, f in enumerate(concurrent.futures.as_completed(futs), 1):
                done(*f.result(), k)
    wall = time.monotonic() - t_start

    meta["wall_s"] = round(wall)
    md, data = write_report(block, meta, chosen, results, texts, equiv)
    c = data["counts"]
    print(f"\nmutate {block.name}: {data['total']} mutants: {c['killed']} killed, {c['timeout']} timeout, "
          f"{c['survived']} survived, {c['did-not-compile']} did-not-compile, {c['equivalent']} equivalent, "
          f"{c['not-run']} not run "
          f"-> kill rate {data['kill_rate']:.1f} % (min {args.min_rate:g} %) in {wall:.0f} s")
    for x in data["mutants"]:
        if x["status"] == "survived":
            print(f"\nSURVIVED {x['id']}  ({x['op']})   replay: {x['replay']}\n{x['diff'].rstrip()}")
        if x.get("listed_equivalent") and x["status"] in ("killed", "timeout"):
            print(f"\nnote: {x['id']} is listed in tb/{block.name}/{EQUIV_FILE} but was killed: remove it")
    print(f"\nreport: {project.rel(out / 'report.md')}, {project.rel(out / 'report.json')}")
    rc = 0
    if data["kill_rate"] < args.min_rate:
        print(f"mutate: FAIL: kill rate {data['kill_rate']:.1f} % < {args.min_rate:g} %")
        rc = 1
    bad = [x for x in req if results.get(x, {}).get("status") not in ("killed", "timeout")]
    if bad:
        listed = ", ".join(f"{x} ({results.get(x, {}).get('status', 'not run')})" for x in bad)
        print(f"mutate: FAIL: required-killed mutant(s) not killed: {listed}")
        rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
