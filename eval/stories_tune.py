#!/usr/bin/env python3
# stories_tune.py — sets the join weights of the story stage (struct weights in src/story/corpus.c and the event
# weights of src/story/features.c, all named in RASD_STORY_TUNE) by coordinate ascent on B-cubed F1 + pairwise F1
# of `rasd stories` over one half of the hand-grouped dev set eval/stories-dev.tsv, then reports both halves and
# the whole set (tune on A, check that B is not worse). Needs ../shared (SHARED=...); skips without it.
# usage: python3 eval/stories_tune.py [RASD] [--half A|B] [--sweeps N] [--orders N] [KEY=v1,v2,... ...]
#   --orders N (default 4): each setting is scored as the mean over N orders of the articles (order 0 keeps the ids;
#   order k renames the ids within each day by a fixed pseudo-random permutation, seed k, as ORDERS=N of
#   eval/stories_dev.sh does), so that no setting wins on one lucky order.
#   e.g. python3 eval/stories_tune.py build/rasd th=0.27,0.32 rg=2,3,4 oh=0.2,0.4 ot=0.05,0.1,0.2
#   With no KEY arguments it searches the weights added last (the split test of story_split: sp, so, sx, sw) around
#   their defaults. Check every change on both halves (--half A, then --half B) and on the whole set.
#   The headline guards (hl places, hp people, hf: head_apart() in src/story/corpus.c) are flat on this dev set over
#   wide ranges; they were set by reading unseen SaudiNewsNet days (/tmp/snn), which is how to check them again.
#   So were sh and shr (one outlet's headline counts in the split test: link_sim() in src/story/corpus.c): shr keeps
#   the toll updates and disagreements seen there (28 or 30 dead, 10 or 14 soldiers) together; check them the same way.
# Prints the winning RASD_STORY_TUNE string; copy the values into the defaults by hand.
import collections, json, random, os, subprocess, sys, tempfile, zipfile, zlib

args, rasd, half, sweeps, space, orders = sys.argv[1:], 'build/rasd', 'A', 2, {}, 4
i = 0
while i < len(args):
    if args[i] == '--half': half = args[i + 1]; i += 2
    elif args[i] == '--sweeps': sweeps = int(args[i + 1]); i += 2
    elif args[i] == '--orders': orders = int(args[i + 1]); i += 2
    elif '=' in args[i]: k, v = args[i].split('=', 1); space[k] = v.split(','); i += 1
    else: rasd = args[i]; i += 1
if not space:
    space = {'sp': ['0', '0.4', '0.45', '0.5', '0.55'], 'so': ['0', '0.35', '0.4', '0.45'], 'sx': ['0', '0.2', '0.3', '0.4'],
             'sw': ['0.3', '0.5', '0.7']}
here = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get('SHARED', '../shared')
zdir = os.path.join(shared, 'data', 'news', 'saudinewsnet')
if not os.path.isdir(zdir): print(f'SKIP: {zdir} not found'); sys.exit(0)
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(here, 'stories-dev.tsv'), encoding='utf-8')
        if l.strip() and not l.startswith('#')]
tmp = tempfile.mkdtemp(prefix='stories_tune')
days, sets = {}, {}

def dev_set(h):
    """The articles of half h (A: crc32 of the label even, B: odd, all) as JSON Lines, and their gold labels."""
    if h in sets: return sets[h]
    sel = [r for r in rows if h == 'all' or zlib.crc32(r[2].encode('utf-8')) % 2 == (h == 'B')]
    out = []
    for k in range(orders):
        perm = {}
        if k:
            rng = random.Random(k)
            for day in sorted(set(r[0] for r in sel)):
                idx = [r[1] for r in sel if r[0] == day]
                new = idx[:]; rng.shuffle(new)
                perm.update({(day, a): b for a, b in zip(idx, new)})
        path, gold, recs = os.path.join(tmp, f'dev-{h}-{k}.jsonl'), {}, []
        for day, idx, story in sel:
            if day not in days:
                z = zipfile.ZipFile(os.path.join(zdir, day + '.zip'))
                days[day] = json.loads(z.read([n for n in z.namelist() if n.endswith('.json')][0]))
            r = days[day][int(idx)]
            aid = f'{day}-{perm.get((day, idx), idx)}'
            recs.append({'id': aid, 'date': r['date_extracted'][:10], 'title': r['title'], 'source': r['source'],
                         'content': r['content']})
            gold[aid] = story
        if k: rng.shuffle(recs)
        with open(path, 'w', encoding='utf-8') as f:
            for r in recs: f.write(json.dumps(r, ensure_ascii=False) + '\n')
        out.append((path, gold))
    sets[h] = out
    return sets[h]

def score(gold, pred):
    """B-cubed F1 and pairwise F1 (as ../shared/tools/bcubed.py computes them)."""
    ids = list(gold)
    G, P = collections.Counter(gold.values()), collections.Counter(pred[a] for a in ids)
    J = collections.Counter((gold[a], pred[a]) for a in ids)
    bp = sum(J[(gold[a], pred[a])] / P[pred[a]] for a in ids) / len(ids)
    br = sum(J[(gold[a], pred[a])] / G[gold[a]] for a in ids) / len(ids)
    tp = sum(n * (n - 1) / 2 for n in J.values())
    pp = sum(n * (n - 1) / 2 for n in P.values()); gp = sum(n * (n - 1) / 2 for n in G.values())
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0
    return f(bp, br), f(tp / pp if pp else 0, tp / gp if gp else 0)

cache = {}
def ev(h, cfg):
    key = (h, tuple(sorted(cfg.items())))
    if key not in cache:
        tune = ','.join(f'{k}={v}' for k, v in cfg.items())
        res = []
        for path, gold in dev_set(h):
            p = subprocess.run([rasd, 'stories', '--format', 'json', '-q', path], capture_output=True, text=True,
                               env=dict(os.environ, RASD_STORY_TUNE=tune))
            if p.returncode: sys.exit(f'rasd failed: {p.stderr[:300]}')
            pred = {a: s['id'] for s in json.loads(p.stdout)['stories'] for a in s['articles']}
            res.append(score(gold, pred))
        cache[key] = tuple(sum(r[i] for r in res) / len(res) for i in range(2))
    return cache[key]

cfg = {}
best = sum(ev(half, cfg))
print(f'defaults (mean over {orders} orders): half {half} B3 F1 %.4f pair F1 %.4f' % ev(half, cfg), flush=True)
for sweep in range(sweeps):
    moved = False
    for k, vals in space.items():
        for v in vals:
            c2 = dict(cfg, **{k: v})
            r = ev(half, c2)
            if sum(r) > best + 1e-6:
                best, cfg, moved = sum(r), c2, True
                print(f'  {k}={v}: B3 F1 %.4f pair F1 %.4f' % r, flush=True)
    if not moved: break
for h in ['A', 'B', 'all']:
    print(f'half {h:3}: B3 F1 %.4f pair F1 %.4f' % ev(h, cfg))
print('RASD_STORY_TUNE=' + ','.join(f'{k}={v}' for k, v in cfg.items()))
