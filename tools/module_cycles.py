#!/usr/bin/env python3
"""Module graph of runtime/src at the granularity of top-level folders and
modules, built from `crate::x` references outside `#[cfg(test)]` modules
(and outside `tests.rs` files); `memory::value`, the value layout, is its
own node, because `error` (the leaf everything uses) may use it and it must
itself use nothing;
prints each edge with the files that make it, then the cycles (strongly
connected components with more than one node, and self-loops are ignored).
Exit status 1 if there is a cycle. Usage: tools/module_cycles.py [runtime/src]"""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'runtime', 'src')
root = os.path.normpath(root)

# Modules that are nodes of their own, apart from their folder.
OWN_NODES = ['memory::value']

def unit(path):
    rel = os.path.relpath(path, root)
    mod = rel[:-3].replace(os.sep, '::')
    if mod in OWN_NODES:
        return mod
    top = rel.split(os.sep)[0]
    return top[:-3] if top.endswith('.rs') else top

def strip_tests(text):
    # Drop `#[cfg(test)]` items: the attribute and the braced block after it.
    out, i = [], 0
    while True:
        j = text.find('#[cfg(test)]', i)
        if j < 0:
            out.append(text[i:]); break
        out.append(text[i:j])
        k = text.find('{', j)
        semi = text.find(';', j)
        if semi >= 0 and (k < 0 or semi < k):
            i = semi + 1; continue
        depth, p = 0, k
        while p < len(text):
            if text[p] == '{': depth += 1
            elif text[p] == '}':
                depth -= 1
                if depth == 0: break
            p += 1
        i = p + 1
    return ''.join(out)

def strip_comments(text):
    return re.sub(r'//[^\n]*', '', text)

edges = {}
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith('.rs') or f == 'tests.rs': continue
        path = os.path.join(dirpath, f)
        src = unit(path)
        if src == 'lib': continue
        text = strip_comments(strip_tests(open(path).read()))
        targets = set()
        for first, second in re.findall(r'\bcrate::([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?', text):
            full = f'{first}::{second}'
            targets.add(full if full in OWN_NODES else first)
        # `use crate::{a, b::c}` groups
        for grp in re.findall(r'\bcrate::\{([^}]*)\}', text):
            targets |= set(re.findall(r'(?:^|,)\s*([a-z_][a-z0-9_]*)', grp))
        for t in targets:
            if t != src:
                edges.setdefault((src, t), set()).add(os.path.relpath(path, root))

nodes = sorted({a for a, _ in edges} | {b for _, b in edges})
succ = {n: sorted(b for a, b in edges if a == n) for n in nodes}
print('edges (module -> what it uses):')
for n in nodes:
    if succ[n]:
        print(f'  {n} -> {", ".join(succ[n])}')

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in succ[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(comp)
for n in nodes:
    if n not in index: visit(n)
cycles = [sorted(c) for c in sccs if len(c) > 1]
if not cycles:
    print('no cycles')
    sys.exit(0)
for c in cycles:
    print('cycle among: ' + ', '.join(c))
    for a in c:
        for b in c:
            if (a, b) in edges:
                print(f'  {a} -> {b}: {", ".join(sorted(edges[(a, b)]))}')
sys.exit(1)
