"""peer_sklearn.py — benchmark peer: scikit-learn TF-IDF + clustering of articles into stories.
usage: /usr/bin/python3 peer_sklearn.py ARTICLES.jsonl OUT.json            (speed: all articles, one pass)
       /usr/bin/python3 peer_sklearn.py --dev GOLD.tsv SNN_DIR OUT.json
           (quality: only the articles of GOLD.tsv (DAY<TAB>RECORD<TAB>STORY, RECORD = 0-based index in the
            SaudiNewsNet day file SNN_DIR/DAY.json); the distance threshold is chosen on the dev set itself
            from a small grid — generous to the peer — and B-cubed and pairwise F1 are printed)
Method: word TF-IDF (light Arabic normalisation, sublinear tf, min_df 2), then agglomerative clustering
(average link, cosine distance, threshold) for up to 3000 articles; for more, articles are clustered day by
day (the peer's own quadratic cost would not fit in memory), as a news system would."""
import json, re, sys, time
from collections import defaultdict
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import AgglomerativeClustering

DIAC = re.compile('[\u064B-\u0652\u0670\u0640]')


def prep(s):
    s = DIAC.sub('', s or '')
    return re.sub('[إأآٱ]', 'ا', s).replace('ى', 'ي').replace('ة', 'ه')


def cluster(arts, thr):
    if len(arts) == 1:
        return [0]
    X = TfidfVectorizer(preprocessor=prep, token_pattern=r'[\w\u0600-\u06FF]{2,}', sublinear_tf=True,
                        min_df=2 if len(arts) > 50 else 1, max_df=0.5).fit_transform(
        [(a.get('title') or '') + ' ' + (a.get('content') or a.get('text') or '') for a in arts])
    D = 1.0 - (X @ X.T).toarray()  # cosine distance (rows are L2-normalised)
    D[D < 0] = 0
    return AgglomerativeClustering(n_clusters=None, metric='precomputed', linkage='average',
                                   distance_threshold=thr).fit_predict(D).tolist()


def stories(arts, thr):
    groups = defaultdict(list)
    for a in arts:
        groups[str(a.get('date') or a.get('date_extracted') or '')[:10] if len(arts) > 3000 else ''].append(a)
    out = []
    for day, part in sorted(groups.items()):
        lab = cluster(part, thr)
        by = defaultdict(list)
        for a, l in zip(part, lab):
            by[l].append(str(a.get('id') or a.get('url')))
        out += [{'id': f'{day}-{l}', 'articles': ids} for l, ids in by.items()]
    return out


def bcubed(gold, pred):
    G, Pm = defaultdict(set), defaultdict(set)
    for a, s in gold.items():
        G[s].add(a)
    for a in gold:
        Pm[pred.get(a, '__' + a)].add(a)
    P = sum(len(G[gold[a]] & Pm[pred.get(a, '__' + a)]) / len(Pm[pred.get(a, '__' + a)]) for a in gold) / len(gold)
    R = sum(len(G[gold[a]] & Pm[pred.get(a, '__' + a)]) / len(G[gold[a]]) for a in gold) / len(gold)
    return 2 * P * R / (P + R), P, R


args = sys.argv[1:]
if args[0] == '--dev':
    import os
    gold, days = {}, {}
    for l in open(args[1], encoding='utf-8'):
        f = l.rstrip('\n').split('\t')
        if l.startswith('#') or len(f) < 3:
            continue
        gold[f'{f[0]}:{f[1]}'] = f[2]
        days.setdefault(f[0], []).append(int(f[1]))
    arts = []
    for day, recs in days.items():
        arr = json.load(open(os.path.join(args[2], day + '.json'), encoding='utf-8'))
        for r in recs:
            a = dict(arr[r]); a['id'] = f'{day}:{r}'; arts.append(a)
    best = None
    for thr in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
        t0 = time.process_time()
        st = stories(arts, thr)
        secs = time.process_time() - t0
        pred = {a: s['id'] for s in st for a in s['articles']}
        F, P, R = bcubed(gold, pred)
        if best is None or F > best[0]:
            best = (F, P, R, thr, st, secs, pred)
    F, P, R, thr, st, secs, pred = best
    G = defaultdict(set); Pm = defaultdict(set)
    for a, s_ in gold.items(): G[s_].add(a)
    for a in gold: Pm[pred.get(a)].add(a)
    gp = sum(len(G[gold[a]]) - 1 for a in gold) / 2; pp = sum(len(Pm[pred.get(a)]) - 1 for a in gold) / 2
    tp = sum(len(G[gold[a]] & Pm[pred.get(a)]) - 1 for a in gold) / 2
    pP = tp / pp if pp else 0; pR = tp / gp if gp else 0; pF = 2 * pP * pR / (pP + pR) if pP + pR else 0
    json.dump({'stories': st}, open(args[3], 'w', encoding='utf-8'), ensure_ascii=False)
    print(f'articles={len(arts)}; best threshold {thr}: B-cubed F1 {F:.4f} P {P:.4f} R {R:.4f} pairF1 {pF:.4f} secs={secs:.3f}')
else:
    arts = [json.loads(l) for l in open(args[0], encoding='utf-8') if l.strip()]
    t0 = time.process_time()
    st = stories(arts, 0.8)
    secs = time.process_time() - t0
    json.dump({'stories': st}, open(args[1], 'w', encoding='utf-8'), ensure_ascii=False)
    print(f'articles={len(arts)} stories={len(st)} secs={secs:.6f}')
