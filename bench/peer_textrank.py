"""peer_textrank.py — benchmark peer: a TextRank extractive summariser (networkx PageRank over sentence
similarity) on EASC, with the same length budget as ../shared/tools/easc_lead.py; prints ROUGE and secs.
usage: /usr/bin/python3 peer_textrank.py EASC_DIR   (EASC_DIR = ../shared/data/summaries/easc-dev)"""
import glob, math, os, re, sys, time
import networkx as nx
root = sys.argv[1]
sys.path.insert(0, os.path.join(root, '..', '..', '..', 'tools'))
from rouge import score, norm  # ../shared/tools/rouge.py


def textrank(sents):
    toks = [set(norm(s)) for s in sents]
    g = nx.Graph()
    g.add_nodes_from(range(len(sents)))
    for i in range(len(sents)):
        for j in range(i + 1, len(sents)):
            if len(toks[i]) > 1 and len(toks[j]) > 1:
                w = len(toks[i] & toks[j]) / (math.log(len(toks[i])) + math.log(len(toks[j])))
                if w > 0:
                    g.add_edge(i, j, weight=w)
    return nx.pagerank(g, weight='weight') if g.number_of_edges() else {i: 1.0 / (i + 1) for i in range(len(sents))}


tot, n, secs = {}, 0, 0.0
for tdir in sorted(glob.glob(root + '/Articles/Topic*')):
    topic = os.path.basename(tdir)
    art = open(glob.glob(tdir + '/*')[0], encoding='utf-8-sig').read()
    refs = [open(f, encoding='utf-8-sig', errors='replace').read() for f in sorted(glob.glob(f'{root}/MTurk/{topic}/*'))]
    L = sum(len(norm(r)) for r in refs) // len(refs)  # mean reference length in words, as easc_lead.py
    t0 = time.process_time()
    sents = [s for s in re.split(r'(?<=[.!؟?])\s+', art.strip()) if s.strip()]
    rank = textrank(sents)
    chosen, words = [], 0
    for i in sorted(rank, key=lambda k: -rank[k]):
        if words >= L:
            break
        chosen.append(i)
        words += len(norm(sents[i]))
    summary = ' '.join(sents[i] for i in sorted(chosen))
    secs += time.process_time() - t0
    for k, v in score(summary, refs).items():
        tot[k] = tot.get(k, 0) + v
    n += 1
print(f'topics={n} secs={secs:.6f} R1={tot["R1"] / n:.4f} R2={tot["R2"] / n:.4f}')
