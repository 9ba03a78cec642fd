"""Plain TF-IDF cosine single-link baseline for story grouping: JSON Lines {id, title, content} in,
{"stories": [{id, articles}]} out. Light Arabic normalisation, whitespace words, no stemming, no entities."""
import json, math, re, sys
from collections import Counter

def norm(t):
    t = re.sub('[\u064b-\u065f\u0670\u0640]', '', t)
    t = re.sub('[أإآٱ]', 'ا', t).replace('ى', 'ي').replace('ة', 'ه')
    return t

def main():
    th = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3
    docs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
    bags = []
    for d in docs:
        words = re.findall(r'\w+', norm((d.get('title') or '') + ' ' + (d.get('content') or '')))
        bags.append(Counter(w for w in words if len(w) > 1))
    df = Counter()
    for b in bags: df.update(b.keys())
    n = len(bags)
    vecs = []
    for b in bags:
        v = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in b.items()}
        s = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / s for t, x in v.items()})
    parent = list(range(n))
    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]; x = parent[x]
        return x
    for i in range(n):
        for j in range(i):
            vi, vj = (vecs[i], vecs[j]) if len(vecs[i]) < len(vecs[j]) else (vecs[j], vecs[i])
            if sum(x * vj.get(t, 0.0) for t, x in vi.items()) >= th:
                parent[find(i)] = find(j)
    groups = {}
    for i in range(n): groups.setdefault(find(i), []).append(docs[i]['id'])
    json.dump({'stories': [{'id': k + 1, 'articles': g} for k, g in enumerate(groups.values())]}, sys.stdout, ensure_ascii=False)

main()
