"""synth.py — writes N synthetic articles (JSON Lines) for the growth benchmark: SaudiNewsNet articles
replicated with perturbations (new ids and dates, numbers changed, sentences dropped and shuffled, text cut
to ~1,500 characters) so that near-duplicate detection and clustering see realistic but distinct input.
usage: /usr/bin/python3 synth.py SNN.jsonl N > big.jsonl"""
import datetime, json, random, re, sys
src, n = sys.argv[1], int(sys.argv[2])
base = [json.loads(l) for l in open(src, encoding='utf-8') if l.strip()]
rnd = random.Random(42)
day0 = datetime.date(2015, 7, 21)
out = sys.stdout
NUM = re.compile(r'\d+')
for k in range(n):
    a = base[k % len(base)]
    rep = k // len(base)
    sents = re.split(r'(?<=[.!؟])\s+', (a.get('content') or '')[:3000])
    if rep and len(sents) > 3:
        sents = [s for s in sents if rnd.random() > 0.2] or sents[:1]
        if rnd.random() < 0.5:
            i = rnd.randrange(len(sents)); j = rnd.randrange(len(sents)); sents[i], sents[j] = sents[j], sents[i]
    text = ' '.join(sents)[:1500]
    if rep:
        text = NUM.sub(lambda m: str(int(m.group()) + rnd.randrange(1, 9)) if len(m.group()) < 6 else m.group(), text)
    d = day0 + datetime.timedelta(days=(k * 400) // n)
    rec = {'id': f'syn{k}', 'title': a.get('title') or '', 'content': text, 'source': a.get('source'),
           'date': d.isoformat(), 'url': f'https://synthetic.example/{k}'}
    out.write(json.dumps(rec, ensure_ascii=False) + '\n')
